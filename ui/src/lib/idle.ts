// Auto-lock: calls `onIdle` once nobody has touched the keyboard or pointer for the set time.
// It compares clock times rather than trusting one long timer, so a laptop that slept past
// the limit locks as soon as it wakes.

/** The events that count as someone being there. */
export const ACTIVITY_EVENTS = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;

export interface IdleWatch {
  /** Counts as activity now (e.g. after a save). */
  touch(): void;
  /** Changes the limit; the time already idle still counts. */
  setMinutes(minutes: number): void;
  /** Stops watching (on lock). */
  stop(): void;
}

export interface IdleOptions {
  minutes: number;
  onIdle: () => void;
  /** Where activity is listened for. */
  target?: Pick<EventTarget, "addEventListener" | "removeEventListener">;
  /** The clock, for tests. */
  now?: () => number;
  /** How often the time is checked, in ms. */
  checkEveryMs?: number;
  /**
   * Told of activity at most once per `reportEveryMs` (the app's own idle lock counts only
   * commands, so a person reading is reported to it this way).
   */
  onActivity?: () => void;
  /** The shortest time between two `onActivity` calls, in ms. */
  reportEveryMs?: number;
}

export function watchIdle(options: IdleOptions): IdleWatch {
  const now = options.now ?? (() => Date.now());
  const target = options.target ?? window;
  let limitMs = options.minutes * 60_000;
  let last = now();
  let fired = false;
  const reportEveryMs = options.reportEveryMs ?? 30_000;
  let reported = last;
  const touch = () => {
    last = now();
    if (options.onActivity && !fired && last - reported >= reportEveryMs) {
      reported = last;
      options.onActivity();
    }
  };
  const check = () => {
    if (!fired && now() - last >= limitMs) {
      fired = true;
      stop();
      options.onIdle();
    }
  };
  const timer = setInterval(check, options.checkEveryMs ?? 5_000);
  for (const name of ACTIVITY_EVENTS) target.addEventListener(name, touch, { passive: true });
  // Waking from sleep fires no timer promptly everywhere; visibility changes do.
  const onVisible = () => check();
  target.addEventListener("visibilitychange", onVisible);
  function stop() {
    clearInterval(timer);
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, touch);
    target.removeEventListener("visibilitychange", onVisible);
  }
  return {
    touch,
    setMinutes(minutes: number) {
      limitMs = minutes * 60_000;
      check();
    },
    stop,
  };
}
