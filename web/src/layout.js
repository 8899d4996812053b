// Layout helpers that need a line of script (issue 13): the toolbar's height
// for the panels' scroll margin (the toolbar sticks to the top of the window),
// and the embed's registers toggle.

const root = document.documentElement;
const toolbar = document.querySelector("nav.toolbar");
if (toolbar && typeof ResizeObserver !== "undefined") {
  const note = () => root.style.setProperty("--toolbar-h", `${Math.ceil(toolbar.getBoundingClientRect().height) + 6}px`);
  new ResizeObserver(note).observe(toolbar);
  note();
}

// embed.html: "Registers" shows or hides the registers panel (drawn at every
// step like the full page's, hidden or not)
const toggle = document.querySelector('[data-testid="registers-toggle"]');
const panel = document.getElementById("embed-registers");
if (toggle && panel) {
  toggle.addEventListener("click", () => {
    const on = toggle.getAttribute("aria-pressed") !== "true";
    toggle.setAttribute("aria-pressed", String(on));
    panel.hidden = !on;
    document.body.classList.toggle("show-registers", on);
  });
}
