/*
 * The local host's stand-in for the Forge bridge. Loaded as a classic script before the app's module
 * bundle, it defines globalThis.__bridge.callBridge, which @forge/bridge calls for every command.
 * Commands are answered by the host over HTTP (/__forge/...) or by the parent shell over postMessage.
 */
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var frame = {
    module: params.get('module') || '',
    instance: params.get('instance') || '',
    entry: params.get('entry') || '',
  };
  var themeLink = null;
  var listeners = {};
  var channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('pmo-host-events') : null;

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(Object.assign({}, frame, body || {})),
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok)
          throw new Error(json && json.message ? json.message : 'Local host error ' + response.status);
        return json;
      });
    });
  }

  function toParent(message) {
    if (window.parent && window.parent !== window) {
      window.parent.postMessage(
        Object.assign({ source: 'pmo-host-frame', instance: frame.instance }, message),
        window.location.origin,
      );
    }
  }

  function applyTheme(colorMode) {
    var html = document.documentElement;
    html.setAttribute('data-color-mode', colorMode);
    html.setAttribute(
      'data-theme',
      'dark:dark light:light spacing:spacing typography:typography shape:shape',
    );
    html.style.colorScheme = colorMode;
    if (!themeLink) {
      themeLink = document.createElement('link');
      themeLink.rel = 'stylesheet';
      themeLink.href = '/__forge/theme.css';
      document.head.appendChild(themeLink);
    }
  }

  var themingEnabled = false;
  window.addEventListener('message', function (event) {
    if (event.origin !== window.location.origin || !event.data || event.data.source !== 'pmo-host-shell')
      return;
    if (event.data.type === 'theme' && themingEnabled) applyTheme(event.data.colorMode);
  });

  if (channel) {
    channel.onmessage = function (event) {
      var data = event.data || {};
      (listeners[data.event] || []).forEach(function (callback) {
        callback(data.payload);
      });
    };
  }

  // Keep the frame as tall as its content, as Forge's hosts do. The page's html and body may be 100% of the
  // frame, so the content height is read from the body's children.
  function contentHeight() {
    var bottom = 0;
    Array.prototype.forEach.call(document.body ? document.body.children : [], function (child) {
      if (child.tagName === 'SCRIPT') return;
      var rect = child.getBoundingClientRect();
      var margin = parseFloat(getComputedStyle(child).marginBottom) || 0;
      bottom = Math.max(bottom, rect.bottom + window.scrollY + margin);
    });
    return Math.ceil(bottom);
  }
  var lastHeight = -1;
  function reportHeight() {
    var height = contentHeight();
    if (height === lastHeight) return;
    lastHeight = height;
    toParent({ type: 'height', height: height });
  }
  function watchSize() {
    if (typeof ResizeObserver !== 'function') return;
    var resize = new ResizeObserver(reportHeight);
    Array.prototype.forEach.call(document.body.children, function (child) {
      resize.observe(child);
    });
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        Array.prototype.forEach.call(record.addedNodes, function (node) {
          if (node.nodeType === 1) resize.observe(node);
        });
      });
      reportHeight();
    }).observe(document.body, { childList: true });
    reportHeight();
  }
  if (document.body) watchSize();
  else document.addEventListener('DOMContentLoaded', watchSize);

  var commands = {
    getContext: function () {
      return fetch('/__forge/context?' + new URLSearchParams(frame).toString(), {
        credentials: 'same-origin',
      }).then(function (r) {
        return r.json();
      });
    },
    invoke: function (payload) {
      return post('/__forge/invoke', { functionKey: payload.functionKey, payload: payload.payload }).then(
        function (r) {
          return r.body;
        },
      );
    },
    submit: function (payload) {
      if (frame.entry !== 'edit' && frame.entry !== 'config') return Promise.resolve(false);
      return post('/__forge/submit', { payload: payload }).then(function () {
        toParent({ type: 'submitted' });
        return true;
      });
    },
    enableTheming: function () {
      themingEnabled = true;
      return commands.getContext().then(function (context) {
        applyTheme((context.theme && context.theme.colorMode) || 'light');
      });
    },
    refresh: function () {
      toParent({ type: 'refresh' });
      return Promise.resolve();
    },
    close: function () {
      toParent({ type: 'close' });
      return Promise.resolve();
    },
    // router.navigate / router.open: a URL, or another module of the app ({target: 'module', moduleKey}).
    navigate: function (payload) {
      toParent({
        type: 'navigate',
        url: (payload && payload.url) || null,
        moduleKey: (payload && payload.target === 'module' && payload.moduleKey) || null,
        newTab: !!(payload && payload.type === 'new-tab'),
      });
      return Promise.resolve();
    },
    showFlag: function (payload) {
      toParent({ type: 'flag', flag: payload });
      return Promise.resolve({});
    },
    emit: function (payload) {
      if (channel) channel.postMessage({ event: payload.event, payload: payload.payload });
      return Promise.resolve();
    },
    on: function (payload) {
      (listeners[payload.event] = listeners[payload.event] || []).push(payload.callback);
      return Promise.resolve({
        unsubscribe: function () {
          listeners[payload.event] = (listeners[payload.event] || []).filter(function (c) {
            return c !== payload.callback;
          });
        },
      });
    },
    changeWindowTitle: function (payload) {
      toParent({ type: 'title', title: payload && payload.title });
      return Promise.resolve();
    },
  };

  globalThis.__bridge = {
    callBridge: function (command, payload) {
      var handler = commands[command];
      if (!handler)
        return Promise.reject(
          new Error('The local host does not support the bridge command "' + command + '"'),
        );
      return handler(payload);
    },
  };
})();
