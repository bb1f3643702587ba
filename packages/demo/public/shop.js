// Shop behaviour: deterministic, and the checkout always fails (its endpoint answers 503).
(function () {
  var cart = [];
  var cartStatus = document.getElementById('cart');
  var checkoutStatus = document.getElementById('checkout-status');

  document.getElementById('sign-in').addEventListener('click', function () {
    GoSight.identify('shopper-42', { plan: 'pro', country: 'PT' });
    document.getElementById('signed-in').textContent = 'Signed in as shopper-42.';
  });

  Array.prototype.forEach.call(document.querySelectorAll('.add-to-cart'), function (button) {
    button.addEventListener('click', function () {
      cart.push(button.getAttribute('data-sku'));
      cartStatus.textContent = cart.length === 1 ? '1 item in the cart.' : cart.length + ' items in the cart.';
      GoSight.event('add_to_cart', { sku: button.getAttribute('data-sku'), items: cart.length });
    });
  });

  document.getElementById('checkout').addEventListener('submit', function (event) {
    event.preventDefault();
    checkoutStatus.textContent = 'Paying…';
    fetch('/demo/api/checkout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items: cart }) })
      .then(function (res) {
        if (!res.ok) throw new Error('Payment failed: the gateway answered ' + res.status);
        checkoutStatus.textContent = 'Paid.';
      })
      .catch(function (err) {
        console.error(err.message);
        GoSight.event('checkout_failed', { reason: 'gateway', items: cart.length });
        checkoutStatus.textContent = 'Payment failed. Please try again later.';
      });
  });
})();
