// Forms that ask before they submit: <form data-confirm="Delete this?">. A static script, so
// the Content-Security-Policy needs no inline event handlers.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
