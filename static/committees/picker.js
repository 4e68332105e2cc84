// Pickers (committees/pickers.py): their search button is a submit button so that the search works without
// JavaScript, which makes it the form's default button for Enter. With JavaScript, Enter in the search box
// searches in place (htmx), and Enter anywhere else submits the form with its own last submit button, as it
// would without a picker. A file of its own: the Content-Security-Policy allows no inline script.
document.querySelectorAll("form").forEach(function (form) {
  if (!form.querySelector("[data-picker]")) return;
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing || event.target.tagName === "TEXTAREA") return;
    var picker = event.target.closest("[data-picker]");
    if (picker && event.target.type === "search") {
      event.preventDefault();
      event.target.dispatchEvent(new Event("search"));  // the input's hx-trigger includes "search"
      return;
    }
    if (event.target.tagName === "INPUT" || event.target.tagName === "SELECT") {
      var submits = form.querySelectorAll('button[type="submit"]:not([name$="__search"]), input[type="submit"]');
      if (submits.length) {
        event.preventDefault();
        submits[submits.length - 1].click();
      }
    }
  });
});
