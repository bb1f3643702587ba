// Settings page behaviour; deterministic like app.js.
(function () {
  var nickname = document.getElementById('nickname');
  var city = document.getElementById('city');
  var newsletter = document.getElementById('newsletter');
  var saveStatus = document.getElementById('save-status');
  var count = document.getElementById('count');
  var clicks = 0;

  document.getElementById('save').addEventListener('click', function () {
    var who = nickname.value.trim() || 'anonymous';
    saveStatus.textContent = 'Saved for ' + who + (newsletter.checked ? ', newsletter on.' : ', newsletter off.');
  });

  document.getElementById('reset').addEventListener('click', function () {
    nickname.value = '';
    city.value = '';
    newsletter.checked = false;
    saveStatus.textContent = 'Not saved yet.';
  });

  document.getElementById('increment').addEventListener('click', function () {
    clicks += 1;
    count.textContent = String(clicks);
  });
})();
