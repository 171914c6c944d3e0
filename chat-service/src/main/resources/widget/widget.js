/*
 * Switchboard chat widget: embedded by one script tag
 *   <script src="https://<switchboard>/api/v1/chat/public/widget.js" data-widget-key="wk_..." async></script>
 * No dependencies. Everything renders inside a shadow root, so the host page's styles do not reach it and its styles
 * do not leak out. It talks to the visitor API (/api/v1/chat/public) and the visitor socket (/api/v1/chat/ws/visitor),
 * reconnects after a drop and resumes after the last sequence number it saw; messages written while disconnected wait
 * in an outbox and are sent again with the same clientMessageId, which the server stores once.
 */
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[data-widget-key]');
  if (!script || window.__switchboardChat) return;
  window.__switchboardChat = true;
  var key = script.getAttribute('data-widget-key');
  var base = new URL(script.src, location.href).origin;
  var api = base + '/api/v1/chat/public';
  var store = 'switchboard-chat:' + key;
  var EMOJI = ['😀', '🙂', '😉', '😍', '👍', '🙏', '🎉', '😢'];

  var cfg = null; // the public widget view
  var session = null; // {id, token}
  var lastSeq = 0;
  var seen = {}; // seq -> true: a message is shown once whatever arrives twice
  var outbox = []; // {clientMessageId, body} not yet confirmed by a message.new
  var ws = null;
  var retry = 0;
  var over = false;
  var answered = false; // an agent joined: the chat can be rated at its end
  var open = false;
  var typingTimer = null;
  var typingSent = false;
  var view = {};

  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    for (var a in attrs || {}) {
      if (attrs[a] == null) continue;
      if (a === 'text') el.textContent = attrs[a];
      else if (a.slice(0, 2) === 'on') el.addEventListener(a.slice(2), attrs[a]);
      else el.setAttribute(a, attrs[a]);
    }
    (kids || []).forEach(function (k) { if (k) el.appendChild(k); });
    return el;
  }

  function load(k) { try { return JSON.parse(localStorage.getItem(store + k)); } catch (e) { return null; } }
  function save(k, v) { try { v == null ? localStorage.removeItem(store + k) : localStorage.setItem(store + k, JSON.stringify(v)); } catch (e) { /* private mode */ } }

  function call(method, path, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (session) headers['X-Chat-Token'] = session.token;
    return fetch(api + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (r) {
        return r.text().then(function (t) {
          var data = t ? JSON.parse(t) : null;
          if (!r.ok) { var e = new Error((data && data.detail) || ('HTTP ' + r.status)); e.status = r.status; e.problem = data || {}; throw e; }
          return data;
        });
      });
  }

  var host = h('div', { id: 'switchboard-chat' });
  var root = host.attachShadow({ mode: 'open' });

  function css(c) {
    var pos = (c && c.position) || 'bottom-right';
    var v = pos.split('-');
    var p1 = (c && c.primaryColor) || '#1F6FEB', p2 = (c && c.secondaryColor) || '#FFFFFF';
    return ':host{all:initial}[hidden]{display:none!important}*{box-sizing:border-box;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
      '.w{position:fixed;' + v[0] + ':20px;' + v[1] + ':20px;z-index:2147483000;display:flex;flex-direction:column;align-items:' + (v[1] === 'left' ? 'flex-start' : 'flex-end') + ';gap:12px}' +
      (v[0] === 'top' ? '.w{flex-direction:column-reverse}' : '') +
      '.l{width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;background:' + p1 + ';color:' + p2 + ';display:grid;place-items:center;box-shadow:0 4px 14px rgba(0,0,0,.25)}' +
      '.p{width:340px;max-width:calc(100vw - 40px);height:480px;max-height:calc(100vh - 110px);background:#fff;color:#1c1e21;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden}' +
      '.hd{background:' + p1 + ';color:' + p2 + ';padding:12px 14px;display:flex;align-items:center;gap:10px}' +
      '.hd img{width:32px;height:32px;border-radius:50%}.hd b{flex:1;font-weight:600}.hd button{background:none;border:0;color:inherit;cursor:pointer;font-size:18px}' +
      '.st{font-size:12px;opacity:.9}.bd{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}' +
      '.wl{background:#f2f4f7;border-radius:8px;padding:10px}form{display:flex;flex-direction:column;gap:8px}' +
      'label{font-size:12px;color:#555;display:flex;flex-direction:column;gap:3px}input,textarea{border:1px solid #ccd;border-radius:6px;padding:8px;width:100%}' +
      '.go{background:' + p1 + ';color:' + p2 + ';border:0;border-radius:6px;padding:9px;cursor:pointer;font-weight:600}' +
      '.er{color:#b42318;font-size:12px}.m{max-width:80%;padding:8px 10px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word}' +
      '.v{align-self:flex-end;background:' + p1 + ';color:' + p2 + '}.a{align-self:flex-start;background:#f2f4f7}' +
      '.s{align-self:center;font-size:12px;color:#667}.n{font-size:11px;opacity:.8;display:block;margin-top:2px}.pe{opacity:.6}' +
      '.ty{font-size:12px;color:#667;padding:0 12px 4px;min-height:18px}.ft{display:flex;flex-direction:row;align-items:center;gap:6px;padding:8px;border-top:1px solid #e4e6eb}' +
      '.ft input{flex:1}.ft button{border:0;background:none;cursor:pointer;font-size:18px}.ft .sd{font-size:14px;font-weight:600;color:' + p1 + '}.em{display:flex;flex-wrap:wrap;gap:4px;padding:0 8px}' +
      '.em button{border:0;background:none;font-size:20px;cursor:pointer}.no{padding:10px;border-radius:8px;background:#fef3f2;color:#b42318}' +
      '.im{display:block;max-width:100%;max-height:160px;border-radius:8px;cursor:pointer}.fl{color:inherit;cursor:pointer}';
  }

  function mount() {
    var c = cfg && cfg.appearance;
    var style = h('style', { text: css(c) });
    view.status = h('div', { class: 'st' });
    view.body = h('div', { class: 'bd' });
    view.panel = h('div', { class: 'p', hidden: '', role: 'dialog', 'aria-label': 'Chat' }, [
      h('div', { class: 'hd' }, [
        c && c.avatarUrl ? h('img', { src: c.avatarUrl, alt: '' }) : null,
        h('b', { text: (cfg && cfg.name) || 'Chat' }, [view.status]),
        h('button', { 'aria-label': 'Close', text: '×', onclick: toggle })
      ]),
      view.body
    ]);
    view.launcher = h('button', { class: 'l', 'aria-label': 'Open chat', onclick: toggle });
    // an SVG, not an emoji: the same bubble whatever fonts the visitor has
    view.launcher.innerHTML = '<svg width="28" height="28" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';
    root.appendChild(style);
    root.appendChild(h('div', { class: 'w' }, [view.panel, view.launcher]));
  }

  function toggle() {
    open = !open;
    open ? view.panel.removeAttribute('hidden') : view.panel.setAttribute('hidden', '');
    view.launcher.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
    if (open) markRead();
  }

  function clear() { view.body.textContent = ''; view.footer && view.footer.remove(); view.footer = view.typing = view.emoji = null; }
  function status(t) { view.status.textContent = t ? ' · ' + t : ''; }
  function notice(text) { clear(); view.body.appendChild(h('div', { class: 'no', role: 'alert', text: text })); }

  function field(name, label, type, required) {
    return h('label', { text: label + (required ? ' *' : '') }, [h('input', { name: name, type: type, 'data-required': required ? '1' : '' })]);
  }

  function form(fields, button, submit) {
    var err = h('div', { class: 'er', role: 'alert' });
    var f = h('form', { novalidate: '' }, fields.concat([err, h('button', { class: 'go', type: 'submit', text: button })]));
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      var data = {};
      Array.prototype.forEach.call(f.querySelectorAll('input,textarea'), function (i) { if (i.value.trim()) data[i.name] = i.value.trim(); });
      var missing = Array.prototype.filter.call(f.querySelectorAll('[data-required="1"]'), function (i) { return !i.value.trim(); });
      if (missing.length) { err.textContent = 'Please fill in: ' + missing.map(function (i) { return i.name; }).join(', '); return; }
      err.textContent = '';
      submit(data).catch(function (x) {
        var list = (x.problem && x.problem.errors) || [];
        err.textContent = list.length ? list.map(function (e) { return e.field + ' ' + e.message; }).join('; ') : x.message;
      });
    });
    return f;
  }

  function prechat() {
    clear();
    status('');
    var b = cfg.behaviour;
    if (cfg.appearance.welcomeMessage) view.body.appendChild(h('div', { class: 'wl', text: cfg.appearance.welcomeMessage }));
    var fields = [];
    if (b.requireName) fields.push(field('name', 'Name', 'text', true));
    if (b.requireEmail) fields.push(field('email', 'E-mail', 'email', true));
    if (b.requirePhone) fields.push(field('phone', 'Phone', 'tel', true));
    fields.push(h('label', { text: 'How can we help?' }, [h('textarea', { name: 'message', rows: '3' })]));
    view.body.appendChild(form(fields, 'Start chat', function (data) {
      data.currentUrl = location.href;
      data.referrerUrl = document.referrer || null;
      data.visitorId = load('visitor');
      return call('POST', '/widgets/' + key + '/sessions', data).then(function (started) {
        session = { id: started.session.id, token: started.token };
        save('visitor', started.session.visitorId);
        save('session', session);
        chat(started.session);
        connect();
      }, function (x) {
        if (x.problem.reason === 'widget_offline') { offline(x.problem.offlineMessage); return; }
        throw x;
      });
    }));
  }

  function offline(text) {
    clear();
    status('offline');
    view.body.appendChild(h('div', { class: 'wl', text: text || cfg.offlineMessage || 'We are away right now. Leave a message and we will get back to you.' }));
    view.body.appendChild(form([
      field('name', 'Name', 'text', false),
      field('email', 'E-mail', 'email', true),
      h('label', { text: 'Message *' }, [h('textarea', { name: 'message', rows: '4', 'data-required': '1' })])
    ], 'Send', function (data) {
      data.visitorId = load('visitor');
      return call('POST', '/widgets/' + key + '/offline-messages', data).then(function () {
        clear();
        view.body.appendChild(h('div', { class: 'wl', role: 'status', text: 'Thank you, your message was sent. We will answer by e-mail.' }));
      });
    }));
  }

  function chat(s) {
    clear();
    view.typing = h('div', { class: 'ty', 'aria-live': 'polite' });
    view.input = h('input', { name: 'body', placeholder: cfg.appearance.placeholderText || 'Type a message…', autocomplete: 'off', oninput: typing });
    var send = function (e) { e.preventDefault(); var t = view.input.value.trim(); if (t) { view.input.value = ''; stopTyping(); post(t); } };
    var kids = [view.input];
    if (cfg.behaviour.allowEmojis) {
      view.emoji = h('div', { class: 'em', hidden: '' }, EMOJI.map(function (x) {
        return h('button', { type: 'button', text: x, onclick: function () { view.input.value += x; view.input.focus(); } });
      }));
      kids.push(h('button', { type: 'button', 'aria-label': 'Emoji', text: '😊', onclick: function () { view.emoji.toggleAttribute('hidden'); } }));
    }
    if (cfg.behaviour.allowFileUpload) {
      var pick = h('input', { type: 'file', hidden: '', onchange: function () { if (pick.files[0]) upload(pick.files[0]); pick.value = ''; } });
      kids.push(pick, h('button', { type: 'button', 'aria-label': 'Attach a file', text: '📎', onclick: function () { pick.click(); } }));
    }
    kids.push(h('button', { type: 'submit', class: 'sd', text: 'Send' }));
    view.footer = h('div', {}, [view.typing, view.emoji, h('form', { class: 'ft', onsubmit: send }, kids)]);
    view.panel.appendChild(view.footer);
    state(s);
  }

  function state(s) {
    if (!s) return;
    if (s.status === 'queued') {
      status('waiting');
      var q = s.queue;
      queue(q ? q.position : null, q ? q.estimatedWaitSeconds : null);
    } else if (s.status === 'active') {
      answered = true;
      status(s.assignedName ? 'with ' + s.assignedName : '');
      queue(null);
    } else if (s.status === 'ended' || s.status === 'abandoned') {
      ended();
    }
  }

  function queue(position, wait) {
    if (!view.queue) { view.queue = h('div', { class: 's', role: 'status' }); }
    if (position == null) { view.queue.remove(); return; }
    view.queue.textContent = 'You are number ' + position + ' in the queue' + (wait ? ', about ' + Math.max(1, Math.round(wait / 60)) + ' min' : '') + '. An agent will be with you shortly.';
    view.body.appendChild(view.queue);
  }

  function ended() {
    over = true;
    save('session', null);
    status('ended');
    queue(null);
    if (view.footer) { view.footer.remove(); view.footer = null; }
    if (view.endedNote) return;
    view.endedNote = h('div', { class: 'wl', role: 'status', 'data-state': 'ended' }, [
      h('div', { text: 'The chat has ended. Thank you for contacting us.' }),
      h('button', { class: 'go', type: 'button', text: 'Start a new chat', onclick: restart })
    ]);
    view.body.appendChild(view.endedNote);
    rating(view.endedNote);
    // the socket stays open for what is still on its way (the closing line); over = true stops reconnecting
  }

  // The 1-5 rating of a chat an agent answered, when the widget asks for it; the server takes one per session.
  function rating(container) {
    if (!session || !answered || cfg.behaviour.ratingEnabled === false) return;
    var chosen = 0, stars = [], p1 = cfg.appearance.primaryColor;
    var err = h('div', { class: 'er', role: 'alert' });
    var comment = h('textarea', { name: 'comment', rows: '2', maxlength: '1000', placeholder: 'Anything to add? (optional)' });
    var row = h('div', { role: 'radiogroup', 'aria-label': 'Rating' });
    for (var i = 1; i <= 5; i++) {
      stars.push(row.appendChild(h('button', { type: 'button', role: 'radio', 'aria-label': i + (i > 1 ? ' stars' : ' star'), 'aria-checked': 'false', text: '★', style: 'border:0;background:none;cursor:pointer;font-size:26px;color:#ccd', onclick: pick.bind(null, i) })));
    }
    function pick(n) {
      chosen = n;
      err.textContent = '';
      stars.forEach(function (b, j) { b.style.color = j < n ? p1 : '#ccd'; b.setAttribute('aria-checked', String(j === n - 1)); });
    }
    var box = h('form', { 'data-state': 'rating', novalidate: '', style: 'margin:8px 0' }, [h('div', { text: 'How was this chat?' }), row, comment, err, h('button', { class: 'go', type: 'submit', text: 'Send rating' })]);
    box.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!chosen) { err.textContent = 'Please choose 1 to 5 stars'; return; }
      call('POST', '/sessions/' + session.id + '/rating', { rating: chosen, comment: comment.value.trim() || null }).then(function () {
        box.replaceWith(h('div', { role: 'status', 'data-state': 'rated', text: 'Thank you for your feedback!' }));
      }, function (x) { err.textContent = x.message; });
    });
    container.insertBefore(box, container.lastChild);
  }

  function restart() {
    if (ws) { var old = ws; ws = null; old.close(); }
    session = null; lastSeq = 0; seen = {}; outbox = []; over = false; answered = false; view.endedNote = null; view.queue = null;
    prechat();
  }

  function connect() {
    if (!session || over) return;
    var url = base.replace(/^http/, 'ws') + '/api/v1/chat/ws/visitor?token=' + encodeURIComponent(session.token) + '&lastSeq=' + lastSeq;
    var socket = ws = new WebSocket(url);
    socket.onopen = function () { retry = 0; };
    socket.onmessage = function (e) { receive(JSON.parse(e.data)); };
    socket.onclose = function () {
      if (ws !== socket) return;
      ws = null;
      if (over) return;
      status('reconnecting');
      // a refused upgrade (token expired, origin refused) also lands here: back off up to 30 s
      setTimeout(connect, Math.min(30000, 1000 * Math.pow(2, retry++)));
    };
  }

  function frame(f) {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(f)); return true; }
    return false;
  }

  function receive(f) {
    switch (f.type) {
      case 'ready':
        state(f.session);
        outbox.forEach(function (m) { frame({ type: 'message.send', body: m.body, clientMessageId: m.clientMessageId }); });
        break;
      case 'message.new': message(f.message); break;
      case 'queue.position': queue(f.position, f.estimatedWaitSeconds); break;
      case 'agent.joined': answered = true; status('with ' + f.agent.name); queue(null); break;
      case 'agent.left': status(''); break;
      case 'typing.start':
      case 'typing.stop':
        if (f.by === 'agent' && cfg.behaviour.showAgentTyping && view.typing) {
          view.typing.textContent = f.type === 'typing.start' ? (f.name || 'The agent') + ' is typing…' : '';
        }
        break;
      case 'message.read':
        if (f.by === 'agent' && cfg.behaviour.showReadReceipts) {
          Array.prototype.forEach.call(view.body.querySelectorAll('.v[data-seq]'), function (el) {
            if (+el.getAttribute('data-seq') <= f.upToSeq) receipt(el, 'Read');
          });
        }
        break;
      case 'session.ended': ended(); break;
      case 'error': if (view.typing) view.typing.textContent = f.detail || 'Something went wrong'; break;
    }
  }

  function receipt(el, text) {
    var n = el.querySelector('.n');
    if (!n) { n = h('span', { class: 'n' }); el.appendChild(n); }
    n.textContent = text;
  }

  function message(m) {
    if (seen[m.seq]) return;
    seen[m.seq] = true;
    if (m.seq > lastSeq) lastSeq = m.seq;
    var mine = m.senderType === 'visitor';
    var pending = mine && m.clientMessageId && view.body.querySelector('[data-client-id="' + CSS.escape(m.clientMessageId) + '"]');
    outbox = outbox.filter(function (o) { return o.clientMessageId !== m.clientMessageId; });
    var el = pending || h('div', { class: 'm ' + (mine ? 'v' : m.senderType === 'agent' ? 'a' : 's') }, [m.attachment ? attachment(m) : h('span', { text: m.body })]);
    el.classList.remove('pe');
    el.setAttribute('data-seq', m.seq);
    if (mine && cfg.behaviour.showReadReceipts) receipt(el, m.read ? 'Read' : 'Delivered');
    if (m.senderType === 'agent') {
      el.setAttribute('title', m.senderName || '');
      if (view.typing) view.typing.textContent = '';
    }
    if (!pending) insert(el, m.seq);
    view.body.scrollTop = view.body.scrollHeight;
    if (m.senderType === 'agent') markRead();
  }

  function insert(el, seq) {
    // in sequence order even when a gap is filled after a newer message
    var after = Array.prototype.filter.call(view.body.querySelectorAll('[data-seq]'), function (x) { return +x.getAttribute('data-seq') > seq; })[0];
    var anchor = after || view.body.querySelector('.pe') || (view.queue && view.queue.parentNode ? view.queue : null) || view.endedNote || null;
    view.body.insertBefore(el, anchor);
  }

  function post(body) {
    var id = (crypto.randomUUID ? crypto.randomUUID() : Date.now() + '-' + Math.random());
    outbox.push({ clientMessageId: id, body: body });
    var el = h('div', { class: 'm v pe', 'data-client-id': id }, [h('span', { text: body })]);
    view.body.appendChild(el);
    view.body.scrollTop = view.body.scrollHeight;
    frame({ type: 'message.send', body: body, clientMessageId: id });
  }

  // A file into the chat: posted with its progress shown; the server checks type and size again and answers why not.
  function upload(file) {
    var el = h('div', { class: 'm v pe', 'data-upload': file.name }, [h('span', { text: '📎 ' + file.name + ' …' })]);
    var note = el.firstChild;
    view.body.appendChild(el);
    view.body.scrollTop = view.body.scrollHeight;
    var fail = function (text) { el.className = 'er'; el.setAttribute('role', 'alert'); note.textContent = '📎 ' + file.name + ': ' + text; };
    if (file.size > cfg.behaviour.maxUploadBytes) return fail('too large (at most ' + Math.floor(cfg.behaviour.maxUploadBytes / 1048576) + ' MB)');
    var x = new XMLHttpRequest(), data = new FormData();
    data.append('file', file);
    x.open('POST', api + '/sessions/' + session.id + '/attachments');
    x.setRequestHeader('X-Chat-Token', session.token);
    x.upload.onprogress = function (e) { if (e.lengthComputable) note.textContent = '📎 ' + file.name + ' ' + Math.round(100 * e.loaded / e.total) + ' %'; };
    x.onerror = function () { fail('not sent (network)'); };
    x.onload = function () {
      var r = null;
      try { r = JSON.parse(x.responseText); } catch (e) { /* not JSON */ }
      if (x.status !== 201) return fail((r && r.detail) || 'not sent (HTTP ' + x.status + ')');
      el.remove();
      message(r);
    };
    x.send(data);
  }

  // Files are fetched with the session's token (an img or a link cannot send it) and shown from blob: URLs.
  function attachment(m) {
    var a = m.attachment, el = h('a', { class: 'fl', href: '#', 'data-file': a.name }), got = null;
    var get = function () {
      return got || (got = fetch(base + a.publicUrl, { headers: { 'X-Chat-Token': session.token } }).then(function (r) {
        if (!r.ok) { got = null; throw new Error('HTTP ' + r.status); }
        return r.blob();
      }));
    };
    el.addEventListener('click', function (e) {
      e.preventDefault();
      get().then(function (b) { var d = h('a', { href: URL.createObjectURL(b), download: a.name }); d.click(); });
    });
    if (m.type === 'image') {
      var img = h('img', { class: 'im', alt: a.name });
      get().then(function (b) { img.src = URL.createObjectURL(b); }, function () { img.alt = a.name + ' (not available)'; });
      el.appendChild(img);
    } else {
      el.textContent = '📄 ' + a.name + ' (' + Math.max(1, Math.round(a.size / 1024)) + ' KB)';
    }
    return el;
  }

  function markRead() {
    if (!open || !session) return;
    var agents = view.body.querySelectorAll('.a[data-seq]');
    if (agents.length) frame({ type: 'message.read', upToSeq: +agents[agents.length - 1].getAttribute('data-seq') });
  }

  function typing() {
    if (!typingSent) typingSent = frame({ type: 'typing.start' });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 3000);
  }

  function stopTyping() {
    clearTimeout(typingTimer);
    if (typingSent) frame({ type: 'typing.stop' });
    typingSent = false;
  }

  function start() {
    document.body.appendChild(host);
    call('GET', '/widgets/' + key).then(function (c) {
      cfg = c;
      mount();
      var saved = load('session');
      if (saved) {
        session = saved;
        return call('GET', '/sessions/' + saved.id).then(function (s) {
          if (s.status === 'queued' || s.status === 'active') { chat(s); connect(); } else { session = null; save('session', null); begin(); }
        }, function () { session = null; save('session', null); begin(); });
      }
      begin();
    }, function (x) {
      // refused by the server (origin, address, disabled widget) or unreachable: say so, offer nothing else
      cfg = null;
      mount();
      notice(x.status === 403 || x.status === 404 ? 'Chat is not available on this page. ' + x.message : 'Chat is not available right now.');
      host.setAttribute('data-refused', x.problem ? x.problem.reason || x.status : 'network');
    });
  }

  function begin() { cfg.online ? prechat() : offline(); }

  window.addEventListener('online', function () { if (!ws && session && !over) { retry = 0; connect(); } });
  document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', start) : start();
})();
