import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { watchIdle } from "./idle";

describe("auto-lock", () => {
  let clock = 0;
  const now = () => clock;
  const target = new EventTarget();

  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());

  function advance(ms: number) {
    clock += ms;
    vi.advanceTimersByTime(ms);
  }

  it("locks once after the idle time, not before", () => {
    const onIdle = vi.fn();
    watchIdle({ minutes: 10, onIdle, target, now, checkEveryMs: 1000 });
    advance(9 * 60_000 + 58_000);
    expect(onIdle).not.toHaveBeenCalled();
    advance(2_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    advance(60 * 60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("any key or pointer activity starts the count again", () => {
    const onIdle = vi.fn();
    watchIdle({ minutes: 1, onIdle, target, now, checkEveryMs: 1000 });
    for (const event of ["keydown", "pointerdown", "pointermove", "wheel"]) {
      advance(50_000);
      target.dispatchEvent(new Event(event));
    }
    advance(50_000);
    expect(onIdle).not.toHaveBeenCalled();
    advance(10_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("reports activity to the app at most once per period, and never after locking", () => {
    const onIdle = vi.fn();
    const onActivity = vi.fn();
    watchIdle({ minutes: 1, onIdle, target, now, checkEveryMs: 1000, onActivity, reportEveryMs: 30_000 });
    target.dispatchEvent(new Event("keydown"));
    expect(onActivity).not.toHaveBeenCalled();
    advance(20_000);
    target.dispatchEvent(new Event("pointermove"));
    expect(onActivity).not.toHaveBeenCalled();
    advance(15_000);
    target.dispatchEvent(new Event("wheel"));
    target.dispatchEvent(new Event("keydown"));
    expect(onActivity).toHaveBeenCalledTimes(1);
    advance(61_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    target.dispatchEvent(new Event("keydown"));
    expect(onActivity).toHaveBeenCalledTimes(1);
  });

  it("a machine that slept past the limit locks when it wakes", () => {
    const onIdle = vi.fn();
    watchIdle({ minutes: 5, onIdle, target, now, checkEveryMs: 60_000 });
    clock += 3 * 60 * 60_000; // asleep: no timers ran
    target.dispatchEvent(new Event("visibilitychange"));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it("a shorter limit applies at once; stop means never", () => {
    const onIdle = vi.fn();
    const watch = watchIdle({ minutes: 10, onIdle, target, now, checkEveryMs: 1000 });
    advance(3 * 60_000);
    watch.setMinutes(2);
    expect(onIdle).toHaveBeenCalledTimes(1);

    const never = vi.fn();
    const stopped = watchIdle({ minutes: 1, onIdle: never, target, now, checkEveryMs: 1000 });
    stopped.stop();
    advance(10 * 60_000);
    expect(never).not.toHaveBeenCalled();
  });
});
