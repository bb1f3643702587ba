// Shopping list behaviour. Deterministic on purpose: no clocks, no randomness, so a replay
// can be compared pixel by pixel with the live page.
(function () {
  var list = document.getElementById('list');
  var status = document.getElementById('status');
  var nameInput = document.getElementById('name');
  var category = document.getElementById('category');
  var urgent = document.getElementById('urgent');

  function updateStatus() {
    var count = list.children.length;
    status.textContent = count === 1 ? '1 item on the list.' : count + ' items on the list.';
  }

  document.getElementById('add').addEventListener('click', function () {
    var name = nameInput.value.trim() || 'Item ' + (list.children.length + 1);
    var item = document.createElement('li');
    var label = document.createElement('span');
    var tag = document.createElement('span');
    label.textContent = name;
    tag.className = urgent.checked ? 'tag urgent' : 'tag';
    tag.textContent = urgent.checked ? category.value + ' · urgent' : category.value;
    item.appendChild(label);
    item.appendChild(tag);
    list.appendChild(item);
    nameInput.value = '';
    updateStatus();
    console.info('Added "' + name + '" to the list');
  });

  document.getElementById('remove').addEventListener('click', function () {
    if (list.lastElementChild) list.removeChild(list.lastElementChild);
    updateStatus();
  });

  document.getElementById('error').addEventListener('click', function () {
    console.error('demo error', new Error('Demo failure'));
    console.warn('demo warning: the list has ' + list.children.length + ' items');
    status.textContent = 'Logged an error and a warning to the console.';
  });

  // Checkout card. "Apply coupon" has no handler at all: clicking it changes nothing (a dead click).
  var checkoutStatus = document.getElementById('checkout-status');

  // One request that works and one that fails (the server has no such endpoint: 404).
  document.getElementById('sync').addEventListener('click', function () {
    checkoutStatus.textContent = 'Syncing…';
    var load = fetch('/demo/api/list.json').then(function (response) { return response.json(); });
    var save = fetch('/demo/api/sync', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ items: list.children.length }),
    });
    Promise.all([load, save]).then(function (results) {
      var saved = results[1];
      checkoutStatus.textContent = 'Loaded ' + results[0].items.length + ' items; saving answered ' + saved.status + '.';
      if (!saved.ok) console.warn('sync failed with HTTP ' + saved.status);
    });
  });

  // An unhandled exception, the kind a real checkout bug throws.
  document.getElementById('checkout').addEventListener('click', function () {
    var order = null;
    checkoutStatus.textContent = 'Placing the order…';
    return order.total.toFixed(2);
  });
})();
