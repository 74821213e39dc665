/*
 * Glossary term tips on touch screens and keyboards, on top of Material's own tooltips
 * (content.tooltips shows a term link's definition on hover and on focus):
 *   - Escape hides the open tooltip without moving focus or the pointer (WCAG 1.4.13);
 *   - on a touch screen, the first tap on a term link shows its definition (by focusing the
 *     link, which opens Material's tooltip) and a second tap follows the link;
 *   - the palette toggle in the header switches with Space, as it does with Enter.
 * Listeners sit on the document, so pages swapped in by instant navigation need nothing more.
 */
(function () {
  "use strict";

  // Material may run extra scripts again after instant navigation: listen only once.
  if (window.azTermTips) return;
  window.azTermTips = true;

  const TERM_LINK = "a.az-glossary-link";
  const ACTIVE_TIP = ".md-tooltip2--active";
  const DISMISSED = "az-tip--dismissed";

  let pointerType = "";
  let focusedBeforeTap = null;

  function termLink(target) {
    return target instanceof Element ? target.closest(TERM_LINK) : null;
  }

  /* ---------- Escape closes the tooltip that is open ---------- */

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(ACTIVE_TIP).forEach(function (tip) {
      tip.classList.add(DISMISSED);
    });
  });

  // A new hover or focus on a term is a new request to read it.
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (!termLink(event.target)) return;
      document.querySelectorAll("." + DISMISSED).forEach(function (tip) {
        tip.classList.remove(DISMISSED);
      });
    });
  });

  /* ---------- Touch: tap to define, tap again to open the entry ---------- */

  document.addEventListener("pointerdown", function (event) {
    pointerType = event.pointerType;
    // Browsers focus a link as it is pressed: remember what had focus before this tap.
    focusedBeforeTap = document.activeElement;
  }, true);

  document.addEventListener("click", function (event) {
    const link = termLink(event.target);
    if (!link || pointerType !== "touch") return;
    if (focusedBeforeTap === link) return; // second tap: follow the link to the glossary
    // Stopped here, in the capture phase, so instant navigation (on document.body) never sees it.
    event.preventDefault();
    event.stopPropagation();
    link.focus();
    focusedBeforeTap = link;
  }, true);

  /* ---------- Palette toggle: Space as well as Enter ---------- */

  // Material's toggle is a radio group: Space checks the focused radio, which is the current
  // scheme's (or, before any choice is stored, the first one), so nothing changes. Space
  // clicks the visible label instead, as a mouse would, and focus follows the new choice.
  document.addEventListener("keydown", function (event) {
    const input = event.target;
    if (event.key !== " " || !(input instanceof HTMLInputElement) || input.name !== "__palette") return;
    const label = input.form && input.form.querySelector("label:not([hidden])");
    if (!(label instanceof HTMLLabelElement)) return;
    event.preventDefault();
    label.click();
    const next = document.getElementById(label.htmlFor);
    if (next) next.focus();
  });
})();
