// Applies the chosen theme and text size to the page. The colours live in app.css; the theme
// only sets `data-theme`, which picks the light or dark half of each colour.
import type { Appearance, TextSize } from "./bindings";

export const TEXT_SIZES: readonly { value: TextSize; label: string; px: number }[] = [
  { value: "small", label: "Small", px: 15 },
  { value: "normal", label: "Normal", px: 16 },
  { value: "large", label: "Large", px: 18 },
  { value: "larger", label: "Larger", px: 20 },
];

export function applyAppearance(appearance: Appearance, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = appearance.theme;
  const px = TEXT_SIZES.find((s) => s.value === appearance.text_size)?.px ?? 16;
  root.style.fontSize = `${px}px`;
}
