// A redirect page (redirect.mustache) sends the reader on with the #anchor they came with:
// old.html#requirements opens new.html#requirements. A meta refresh cannot carry the anchor, so the
// page's meta refresh is inside <noscript> (for readers without script) and this script moves instead,
// to the page's visible link (resolved by the browser); an incoming #anchor replaces the target's own.
// location.replace: the redirect page stays out of the history, as with the refresh.
(function () {
  var link = document.querySelector("a[data-redirect]");
  if (!link) return;
  var target = link.href;
  if (location.hash.length > 1) target = target.split("#")[0] + location.hash;
  location.replace(target);
})();
