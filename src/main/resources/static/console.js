// The operator console. Client payloads are untrusted bytes: they reach the page only through textContent,
// never as HTML, with control characters and invalid UTF-8 shown as escapes.
'use strict';

const EVENTS = 'api/conversations/events';
const MESSAGES_KEPT = 500;
// As long as the server keeps an ended conversation (ConversationEventStream).
const ENDED_KEPT_MS = 30 * 60 * 1000;

const conversations = new Map();
let selected = null;
let stream = null;

const $ = (id) => document.getElementById(id);

function element(tag, className, text) {
	const node = document.createElement(tag);
	if (className) {
		node.className = className;
	}
	if (text !== undefined) {
		node.textContent = text;
	}
	return node;
}

// ---- bytes ----

function bytesOf(message) {
	const binary = atob(message.bytes || '');
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) {
		bytes[i] = binary.charCodeAt(i);
	}
	return bytes;
}

const hex2 = (n) => n.toString(16).padStart(2, '0');
const hex4 = (n) => n.toString(16).padStart(4, '0');

// Invisible or reordering characters would let a client disguise what it sent.
function invisible(cp) {
	return (cp >= 0x80 && cp <= 0x9f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e)
		|| (cp >= 0x2060 && cp <= 0x2069) || cp === 0xfeff || cp === 0xad;
}

// One valid UTF-8 sequence at bytes[i]: [code point, length], or null.
function decodeAt(bytes, i) {
	const b = bytes[i];
	if (b < 0x80) {
		return [b, 1];
	}
	let length, cp, min;
	if (b >= 0xc2 && b <= 0xdf) {
		length = 2; cp = b & 0x1f; min = 0x80;
	}
	else if (b >= 0xe0 && b <= 0xef) {
		length = 3; cp = b & 0x0f; min = 0x800;
	}
	else if (b >= 0xf0 && b <= 0xf4) {
		length = 4; cp = b & 0x07; min = 0x10000;
	}
	else {
		return null;
	}
	if (i + length > bytes.length) {
		return null;
	}
	for (let k = 1; k < length; k++) {
		const c = bytes[i + k];
		if ((c & 0xc0) !== 0x80) {
			return null;
		}
		cp = (cp << 6) | (c & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
		return null;
	}
	return [cp, length];
}

// The bytes as pieces of text and escapes: {text} or {escape}.
function pieces(bytes) {
	const out = [];
	let text = '';
	const escape = (shown) => {
		if (text) {
			out.push({ text });
			text = '';
		}
		out.push({ escape: shown });
	};
	for (let i = 0; i < bytes.length;) {
		const decoded = decodeAt(bytes, i);
		if (decoded === null) {
			escape('\\x' + hex2(bytes[i]));
			i++;
			continue;
		}
		const [cp, length] = decoded;
		i += length;
		if (cp === 0x0a) {
			escape('\\n');
			if (i < bytes.length) {
				text += '\n';
			}
		}
		else if (cp === 0x09) {
			escape('\\t');
		}
		else if (cp === 0x0d) {
			escape('\\r');
		}
		else if (cp < 0x20 || cp === 0x7f) {
			escape('\\x' + hex2(cp));
		}
		else if (invisible(cp)) {
			escape('\\u' + hex4(cp));
		}
		else {
			text += String.fromCodePoint(cp);
		}
	}
	if (text) {
		out.push({ text });
	}
	return out;
}

function renderBytes(container, bytes) {
	for (const piece of pieces(bytes)) {
		if (piece.text !== undefined) {
			container.append(document.createTextNode(piece.text));
		}
		else {
			container.append(element('span', 'escape', piece.escape));
		}
	}
}

function oneLine(bytes) {
	return pieces(bytes).map((piece) => (piece.text !== undefined ? piece.text.replace(/\n/g, ' ') : piece.escape))
		.join('');
}

function hexDump(bytes) {
	const lines = [];
	for (let offset = 0; offset < bytes.length; offset += 16) {
		const row = Array.from(bytes.subarray(offset, offset + 16));
		const hex = row.map(hex2).join(' ').padEnd(47, ' ');
		const ascii = row.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
		lines.push(hex4(offset) + '  ' + hex + '  ' + ascii);
	}
	return lines.join('\n') || '(empty)';
}

// ---- time ----

function age(instant) {
	const seconds = Math.max(0, Math.round((Date.now() - Date.parse(instant)) / 1000));
	if (seconds < 60) {
		return seconds + ' s';
	}
	if (seconds < 3600) {
		return Math.floor(seconds / 60) + ' min';
	}
	return Math.floor(seconds / 3600) + ' h';
}

const clock = (instant) => new Date(instant).toLocaleTimeString([], { hour12: false });

// ---- the model, fed by the event stream ----

function keep(view, previous) {
	return {
		id: view.id,
		remote: view.remote,
		openedAt: view.openedAt,
		closedAt: view.closedAt || null,
		messages: view.messages.slice(),
		unread: previous ? previous.unread : 0,
	};
}

function lastActivity(conversation) {
	const last = conversation.messages[conversation.messages.length - 1];
	return last ? last.at : conversation.openedAt;
}

const handlers = {
	snapshot(views) {
		const previous = new Map(conversations);
		conversations.clear();
		for (const view of views) {
			conversations.set(view.id, keep(view, previous.get(view.id)));
		}
		if (selected !== null && !conversations.has(selected)) {
			selected = null;
		}
		renderList();
		renderSelected();
	},
	opened(view) {
		conversations.set(view.id, keep(view, null));
		renderList();
	},
	message(event) {
		added(event, true);
	},
	reply(event) {
		added(event, false);
	},
	closed(event) {
		const conversation = conversations.get(event.conversation);
		if (conversation) {
			conversation.closedAt = event.closedAt;
			renderList();
			if (selected === conversation.id) {
				renderSelected();
			}
		}
	},
};

function added(event, fromClient) {
	const conversation = conversations.get(event.conversation);
	if (!conversation) {
		return;
	}
	conversation.messages.push(event.message);
	if (conversation.messages.length > MESSAGES_KEPT) {
		conversation.messages.shift();
	}
	if (fromClient && (selected !== conversation.id || document.hidden)) {
		conversation.unread++;
	}
	renderList();
	if (selected === conversation.id) {
		appendMessage($('messages'), event.message);
	}
}

// ---- rendering ----

function renderList() {
	const list = $('conversations');
	const sorted = Array.from(conversations.values()).sort((a, b) => (a.closedAt !== null) - (b.closedAt !== null)
		|| Date.parse(lastActivity(b)) - Date.parse(lastActivity(a)));
	$('no-conversations').hidden = sorted.length > 0;
	list.replaceChildren(...sorted.map(listItem));
}

function listItem(conversation) {
	const item = element('li', 'item' + (conversation.closedAt ? ' ended' : ''));
	item.dataset.id = conversation.id;
	item.setAttribute('role', 'option');
	item.setAttribute('aria-selected', String(selected === conversation.id));
	item.append(element('span', 'cid', '#' + conversation.id), element('span', 'remote', conversation.remote));
	const when = element('span', 'age', age(lastActivity(conversation)));
	when.dataset.at = lastActivity(conversation);
	item.append(when);
	const last = conversation.messages[conversation.messages.length - 1];
	const preview = conversation.closedAt ? 'ended' + (last ? ' · ' : '') : '';
	item.append(element('span', 'preview', preview + (last ? oneLine(bytesOf(last)) : (preview ? '' : 'no message yet'))));
	if (conversation.unread > 0) {
		item.append(element('span', 'badge', String(conversation.unread)));
	}
	item.addEventListener('click', () => select(conversation.id));
	return item;
}

function select(id) {
	selected = id;
	const conversation = conversations.get(id);
	if (conversation) {
		conversation.unread = 0;
	}
	document.body.classList.add('reading');
	$('reply-error').textContent = '';
	renderList();
	renderSelected();
	$('reply-input').focus();
}

function renderSelected() {
	const conversation = selected === null ? null : conversations.get(selected);
	$('nothing-selected').hidden = conversation != null;
	$('selected').hidden = conversation == null;
	if (!conversation) {
		document.body.classList.remove('reading');
		return;
	}
	$('selected-title').textContent = '#' + conversation.id + ' ' + conversation.remote;
	$('selected-state').textContent = conversation.closedAt ? 'ended ' + clock(conversation.closedAt)
		: 'since ' + clock(conversation.openedAt);
	const open = !conversation.closedAt;
	$('end-button').disabled = !open;
	$('reply-input').disabled = !open;
	$('reply-button').disabled = !open;
	const messages = $('messages');
	messages.replaceChildren();
	conversation.messages.forEach((message) => appendMessage(messages, message));
}

function appendMessage(messages, message) {
	const from = message.from === 'OPERATOR' ? 'operator' : 'client';
	const bytes = bytesOf(message);
	const item = element('li', 'message');
	item.dataset.from = from;
	const meta = element('div', 'meta');
	meta.append(element('span', 'from', from), element('time', 'at', clock(message.at)),
		element('span', 'size', bytes.length + ' B'));
	const toggle = element('button', 'hex-toggle', 'hex');
	toggle.type = 'button';
	toggle.setAttribute('aria-expanded', 'false');
	meta.append(toggle);
	const body = element('div', 'body');
	renderBytes(body, bytes);
	const dump = element('pre', 'hex', hexDump(bytes));
	dump.hidden = true;
	toggle.addEventListener('click', () => {
		dump.hidden = !dump.hidden;
		toggle.setAttribute('aria-expanded', String(!dump.hidden));
	});
	item.append(meta, body, dump);
	messages.append(item);
	messages.scrollTop = messages.scrollHeight;
}

function refreshAges() {
	const before = conversations.size;
	for (const conversation of Array.from(conversations.values())) {
		if (conversation.closedAt && Date.now() - Date.parse(conversation.closedAt) > ENDED_KEPT_MS
				&& conversation.id !== selected) {
			conversations.delete(conversation.id);
		}
	}
	if (conversations.size !== before) {
		renderList();
	}
	for (const when of document.querySelectorAll('.age[data-at]')) {
		when.textContent = age(when.dataset.at);
	}
}

// ---- talking to the server ----

function csrfToken() {
	const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
	return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : null;
}

async function call(method, path, body) {
	// X-Requested-With: a bare 401 once the session is over, not the browser's password dialog.
	const headers = { 'X-Requested-With': 'XMLHttpRequest' };
	const token = csrfToken();
	if (token) {
		headers['X-XSRF-TOKEN'] = token;
	}
	if (body !== undefined) {
		headers['Content-Type'] = 'text/plain; charset=UTF-8';
	}
	const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
	if (response.status === 401) {
		signedOut();
	}
	return response;
}

async function problem(response) {
	try {
		return (await response.json()).detail || response.statusText;
	}
	catch (ex) {
		return response.status + ' ' + response.statusText;
	}
}

async function reply(event) {
	event.preventDefault();
	const input = $('reply-input');
	const text = input.value;
	if (selected === null || text.trim() === '') {
		return;
	}
	const response = await call('POST', 'api/conversations/' + selected + '/replies', text);
	if (response.ok) {
		// The reply comes back through the event stream, for every open page alike.
		input.value = '';
		$('reply-error').textContent = '';
	}
	else {
		$('reply-error').textContent = await problem(response);
	}
}

async function end() {
	if (selected === null) {
		return;
	}
	const response = await call('DELETE', 'api/conversations/' + selected);
	$('reply-error').textContent = response.ok ? '' : await problem(response);
}

function status(state, text) {
	const indicator = $('status');
	indicator.dataset.state = state;
	indicator.textContent = text;
}

function signedOut() {
	status('signed-out', 'signed out');
	if (stream) {
		stream.close();
	}
	window.location.assign('login');
}

function connect() {
	status('connecting', stream ? 'reconnecting…' : 'connecting…');
	stream = new EventSource(EVENTS);
	stream.onopen = () => status('connected', 'connected');
	stream.onerror = async () => {
		if (stream.readyState === EventSource.CONNECTING) {
			// The browser retries by itself, and resumes with Last-Event-ID.
			status('reconnecting', 'reconnecting…');
			return;
		}
		// Refused (signed out, or too many pages): find out which; a new stream starts with a snapshot.
		status('reconnecting', 'reconnecting…');
		try {
			const response = await call('GET', 'api/conversations');
			if (response.status === 401) {
				return;
			}
		}
		catch (ex) {
			// The server is away: try again below.
		}
		setTimeout(connect, 3000);
	};
	for (const name of Object.keys(handlers)) {
		stream.addEventListener(name, (event) => handlers[name](JSON.parse(event.data)));
	}
}

document.addEventListener('DOMContentLoaded', () => {
	$('reply-form').addEventListener('submit', reply);
	$('end-button').addEventListener('click', end);
	$('back-button').addEventListener('click', () => {
		selected = null;
		renderList();
		renderSelected();
	});
	document.addEventListener('visibilitychange', () => {
		const conversation = conversations.get(selected);
		if (!document.hidden && conversation) {
			conversation.unread = 0;
			renderList();
		}
	});
	setInterval(refreshAges, 5000);
	connect();
});
