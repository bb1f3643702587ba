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
})();
