// The registry console: plain JavaScript over the REST API, no build step. The stored password is
// never sent to the page; leaving the password field empty on edit keeps it.
'use strict';
const api = '/api/v1';
const $ = (selector) => document.querySelector(selector);
const state = { page: 1, editing: null, types: [] };

const tokenInput = $('#token');
tokenInput.value = sessionStorage.getItem('registry-token') || '';
tokenInput.addEventListener('change', () => { sessionStorage.setItem('registry-token', tokenInput.value); route(); });

function notice(text, ok) {
  const box = $('#notice');
  box.textContent = text || '';
  box.className = text ? (ok ? 'ok' : 'error') : '';
}

async function call(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + tokenInput.value };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(describe(data) || ('HTTP ' + response.status));
    error.status = response.status;
    throw error;
  }
  return data;
}

function describe(data) {
  if (!data) return '';
  if (data.detail) return data.detail;
  return Object.entries(data).map(([field, messages]) => field + ': ' + [].concat(messages).join(' ')).join('; ');
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  row.appendChild(td);
  return td;
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

async function loadTypes() {
  if (state.types.length) return state.types;
  state.types = (await call('GET', '/datastores/types/')).types;
  const filter = $('#filter-type');
  state.types.forEach((t) => filter.add(new Option(t.label, t.value)));
  const editType = $('#edit-type');
  state.types.forEach((t) => editType.add(new Option(t.label, t.value)));
  editType.addEventListener('change', () => fillSystems(editType.value));
  fillSystems(editType.value);
  return state.types;
}

function fillSystems(type, selected) {
  const select = $('#edit-system');
  select.innerHTML = '';
  const entry = state.types.find((t) => t.value === type);
  (entry ? entry.systems : []).forEach((s) => select.add(new Option(s.label, s.value, false, s.value === selected)));
}

async function showList() {
  show('list-view');
  await loadTypes();
  const params = new URLSearchParams({ page: state.page, ordering: $('#ordering').value });
  if ($('#search').value) params.set('search', $('#search').value);
  if ($('#filter-type').value) params.set('type', $('#filter-type').value);
  if ($('#filter-system').value) params.set('system', $('#filter-system').value);
  if ($('#filter-active').value) params.set('is_active', $('#filter-active').value);
  const page = await call('GET', '/datastores/?' + params);
  const body = $('#datastores tbody');
  body.innerHTML = '';
  page.results.forEach((d) => {
    const row = document.createElement('tr');
    row.dataset.name = d.name;
    cell(row, d.name);
    cell(row, d.type);
    cell(row, d.system);
    cell(row, d.server ? d.server + (d.port ? ':' + d.port : '') : d.connection_string);
    cell(row, d.is_active ? 'yes' : 'no');
    const result = cell(row, '');
    result.className = 'test-result';
    const actions = cell(row, '');
    actions.append(button('Test', () => test(d, result)), ' ', button('Edit', () => edit(d)), ' ',
      button('Delete', () => remove(d)));
    body.appendChild(row);
  });
  $('#page-info').textContent = page.count + ' datastores, page ' + state.page;
  $('#previous').disabled = !page.previous;
  $('#next').disabled = !page.next;
}

async function test(d, result) {
  result.textContent = 'testing…';
  try {
    const outcome = await call('POST', '/datastores/' + d.id + '/test-connection/');
    result.className = 'test-result ' + (outcome.success ? 'result-ok' : 'result-failed');
    result.textContent = outcome.success
      ? 'OK ' + outcome.response_time_ms + ' ms, ' + outcome.details.server_version
      : outcome.message;
  } catch (e) {
    result.className = 'test-result result-failed';
    result.textContent = e.message;
  }
}

async function remove(d) {
  try {
    await call('DELETE', '/datastores/' + d.id + '/');
    notice('Deleted ' + d.name, true);
    await showList();
  } catch (e) {
    notice(e.message, false);
  }
}

async function edit(d) {
  await loadTypes();
  show('edit-view');
  state.editing = d;
  const form = $('#edit');
  form.reset();
  $('#edit-title').textContent = d ? 'Edit ' + d.name : 'New datastore';
  const password = $('#password');
  password.value = '';
  password.placeholder = d && d.password ? 'stored (leave empty to keep)' : '';
  if (d) {
    ['name', 'description', 'server', 'port', 'username', 'database', 'max_connections', 'storage_capacity_gb']
      .forEach((f) => { form.elements[f].value = d[f] == null ? '' : d[f]; });
    form.elements.type.value = d.type;
    fillSystems(d.type, d.system);
    form.elements.connection_string.value = d.connection_string || '';
    form.elements.is_active.checked = d.is_active;
  } else {
    fillSystems(form.elements.type.value);
  }
  $('#datasets-panel').hidden = !d;
  if (d) await showDatasets(d);
}

async function showDatasets(d) {
  const list = $('#datasets');
  list.innerHTML = '';
  const datasets = await call('GET', '/datastores/' + d.id + '/current-datasets/');
  datasets.results.forEach((ds) => {
    const item = document.createElement('li');
    item.textContent = ds.name + ' → ' + ds.reference + ' ';
    item.appendChild(button('Remove', async () => { await call('DELETE', '/datasets/' + ds.id + '/'); await showDatasets(d); }));
    list.appendChild(item);
  });
}

$('#assign').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await call('POST', '/datasets/', { name: $('#dataset-name').value, reference: $('#dataset-reference').value,
      datastore: state.editing.id });
    $('#assign').reset();
    await showDatasets(state.editing);
  } catch (e) {
    notice(e.message, false);
  }
});

$('#edit').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const body = {};
  ['name', 'type', 'system', 'description', 'server', 'username', 'database'].forEach((f) => {
    body[f] = form.elements[f].value.trim() || null;
  });
  ['port', 'max_connections'].forEach((f) => { body[f] = form.elements[f].value ? Number(form.elements[f].value) : null; });
  body.storage_capacity_gb = form.elements.storage_capacity_gb.value ? Number(form.elements.storage_capacity_gb.value) : null;
  body.is_active = form.elements.is_active.checked;
  const connectionString = form.elements.connection_string.value.trim();
  // A masked connection string sent back unchanged keeps the stored one on the server.
  body.connection_string = connectionString || null;
  if (form.elements.password.value) body.password = form.elements.password.value;
  try {
    const saved = state.editing
      ? await call('PATCH', '/datastores/' + state.editing.id + '/', body)
      : await call('POST', '/datastores/', body);
    notice('Saved ' + saved.name, true);
    location.hash = '#list';
    await showList();
  } catch (e) {
    notice(e.message, false);
  }
});

async function showTypes() {
  show('types-view');
  const types = await loadTypes();
  const box = $('#types');
  box.innerHTML = '';
  types.forEach((t) => {
    const div = document.createElement('div');
    div.className = 'type';
    const title = document.createElement('h3');
    title.textContent = t.label + ' (' + t.value + ')';
    const systems = document.createElement('p');
    systems.textContent = 'Systems: ' + t.systems.map((s) => s.label).join(', ');
    const traits = document.createElement('p');
    traits.textContent = 'Strengths: ' + t.characteristics.strengths.join(', ') + '. Limitations: '
      + t.characteristics.limitations.join(', ') + '. Best for: ' + t.characteristics.best_for.join(', ') + '.';
    div.append(title, systems, traits);
    box.appendChild(div);
  });
}

function show(id) {
  ['list-view', 'edit-view', 'types-view'].forEach((v) => { document.getElementById(v).hidden = v !== id; });
}

$('#filters').addEventListener('submit', (event) => { event.preventDefault(); state.page = 1; showList().catch(fail); });
$('#new').addEventListener('click', () => edit(null).catch(fail));
$('#cancel').addEventListener('click', () => { location.hash = '#list'; showList().catch(fail); });
$('#previous').addEventListener('click', () => { state.page--; showList().catch(fail); });
$('#next').addEventListener('click', () => { state.page++; showList().catch(fail); });
window.addEventListener('hashchange', route);

function fail(e) {
  notice(e.status === 401 ? 'Enter an API token above.' : e.message, false);
}

function route() {
  notice('');
  (location.hash === '#types' ? showTypes() : showList()).catch(fail);
}
route();
