// Confirmation before an irreversible or bulk action, without inline script (the pages run under a
// content security policy): a form, or the button that submits it, names its question in
// data-confirm="…". Declining stops the submission before htmx or the browser sends it.
document.addEventListener(
  "submit",
  (event) => {
    const question = event.submitter?.dataset.confirm || event.target.dataset.confirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  },
  true,
);
