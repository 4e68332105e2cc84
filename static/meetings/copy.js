// "주소 복사": copy the value of the field a button names (data-copy-target) and say so in its status
// element (data-copy-status). A file of its own: the Content-Security-Policy allows no inline script.
document.querySelectorAll("[data-copy-target]").forEach(function (button) {
  button.addEventListener("click", function () {
    var field = document.getElementById(button.dataset.copyTarget);
    var status = document.getElementById(button.dataset.copyStatus);
    field.select();
    var done = function () { status.textContent = button.dataset.copiedText; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
});
