/*
 * The local host's Jira-like shell: sizes app frames, switches a gadget between its view and edit entry
 * points, and carries the light/dark and user switches to every frame.
 */
(function () {
  'use strict';
  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll('iframe[data-instance]'));
  }
  function frameFor(instance) {
    return frames().filter(function (f) {
      return f.getAttribute('data-instance') === instance;
    })[0];
  }
  function setEntry(frame, entry) {
    var url = new URL(frame.getAttribute('src'), window.location.href);
    if (entry) url.searchParams.set('entry', entry);
    else url.searchParams.delete('entry');
    frame.setAttribute('src', url.pathname + url.search);
    var gadget = frame.closest('[data-gadget]');
    if (gadget) gadget.setAttribute('data-mode', entry || 'view');
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== window.location.origin || !event.data || event.data.source !== 'pmo-host-frame')
      return;
    var frame = frameFor(event.data.instance);
    if (!frame) return;
    if (event.data.type === 'height') frame.style.height = Math.max(80, event.data.height) + 'px';
    if (event.data.type === 'submitted' || event.data.type === 'close') setEntry(frame, null);
    if (event.data.type === 'refresh') frame.contentWindow.location.reload();
    if (event.data.type === 'navigate') {
      // The host's page for each app module a frame may navigate to.
      var pages = {
        'pmo-settings': '/jira/settings',
        'pmo-wins-page': '/jira/pmo-wins',
        'pmo-wins-confluence': '/confluence/pmo-wins',
      };
      var target = event.data.moduleKey ? pages[event.data.moduleKey] : event.data.url;
      if (!target) return;
      if (event.data.newTab) window.open(target, '_blank', 'noopener');
      else window.location.href = target;
    }
  });

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-action]');
    if (!button) return;
    var gadget = button.closest('[data-gadget]');
    var frame = gadget && gadget.querySelector('iframe');
    var action = button.getAttribute('data-action');
    if (action === 'edit' && frame)
      setEntry(frame, gadget.getAttribute('data-mode') === 'edit' ? null : 'edit');
    if (action === 'configure' && frame)
      setEntry(frame, gadget.getAttribute('data-mode') === 'config' ? null : 'config');
    if (action === 'reload' && frame) frame.contentWindow.location.reload();
    if (action === 'theme') {
      var next = document.documentElement.getAttribute('data-color-mode') === 'dark' ? 'light' : 'dark';
      document.cookie = 'pmo_theme=' + next + '; path=/; SameSite=Strict';
      document.documentElement.setAttribute('data-color-mode', next);
      button.setAttribute('aria-pressed', String(next === 'dark'));
      frames().forEach(function (f) {
        f.contentWindow.postMessage(
          { source: 'pmo-host-shell', type: 'theme', colorMode: next },
          window.location.origin,
        );
      });
    }
  });

  var userSelect = document.getElementById('user-switch');
  if (userSelect) {
    userSelect.addEventListener('change', function () {
      document.cookie = 'pmo_user=' + encodeURIComponent(userSelect.value) + '; path=/; SameSite=Strict';
      window.location.reload();
    });
  }
})();
