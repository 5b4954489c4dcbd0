// A select marked data-autosubmit submits its form when changed, without inline handlers
// (onchange="…" is script the pages' content security policy refuses).
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
});
