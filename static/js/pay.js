// Card payment with Stripe's Payment Element: Stripe.js collects the card and makes a
// PaymentMethod; our server creates and confirms the PaymentIntent with it (so the amount
// always comes from the order), and Stripe.js finishes 3-D Secure when the bank asks for it.
(function () {
  var form = document.getElementById("card-form");
  if (!form || !window.Stripe || !form.dataset.stripeKey) return;
  var stripe = window.Stripe(form.dataset.stripeKey, { locale: form.dataset.locale || "vi" });
  var elements = stripe.elements({
    mode: "payment", amount: parseInt(form.dataset.amount, 10), currency: "vnd",
    paymentMethodCreation: "manual", paymentMethodTypes: ["card"]
  });
  elements.create("payment").mount("#payment-element");
  var button = document.getElementById("pay-button");
  var errorBox = document.getElementById("card-error");

  function fail(message) { errorBox.textContent = message; button.disabled = false; }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    errorBox.textContent = "";
    elements.submit().then(function (result) {
      if (result.error) return fail(result.error.message);
      return stripe.createPaymentMethod({ elements: elements }).then(function (created) {
        if (created.error) return fail(created.error.message);
        var body = new URLSearchParams(new FormData(form));
        body.set("payment_method_id", created.paymentMethod.id);
        return fetch(form.action, { method: "POST", body: body, headers: { "Accept": "application/json" }, credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (answer) {
            if (answer.status === "requires_action") {
              return stripe.handleNextAction({ clientSecret: answer.client_secret }).then(function () {
                window.location = answer.redirect + "?payment_intent=1";
              });
            }
            if (answer.status === "error") {
              fail(answer.message);
              if (answer.redirect) setTimeout(function () { window.location = answer.redirect; }, 2500);
              return;
            }
            window.location = answer.redirect;
          });
      });
    }).catch(function () { fail(form.dataset.networkError || "Network error, please try again."); });
  });
})();
