// Optional enhancement of password fields, loaded with `defer` on pages
// that have one. Without it the pages work the same: the server checks the
// policy and marks the checklist after a submit.
//  - A "Show password" toggle beside each password input.
//  - The policy checklist (#password-rules) ticks rules as the visitor types,
//    with the same "done" / "still needed" words the server uses.
// The label comes from the script tag's data attribute, in the page's language.
(function () {
  'use strict';
  var script = document.currentScript;
  var showLabel = (script && script.dataset.show) || 'Show password';

  document.querySelectorAll('input[type="password"]').forEach(function (input) {
    if (!input.id || input.hidden) return;
    // Moving a focused input out of the document and back drops focus
    // (the page may have put it there: the field in error).
    var focused = document.activeElement === input;
    var wrap = document.createElement('div');
    wrap.className = 'password-wrap';
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    if (focused) input.focus();
    // A toggle: one fixed name, its state in aria-pressed ("Show password,
    // pressed" while the password shows), as screen readers expect.
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.textContent = showLabel;
    button.setAttribute('aria-controls', input.id);
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', function () {
      var shown = input.type === 'text';
      input.type = shown ? 'password' : 'text';
      button.setAttribute('aria-pressed', shown ? 'false' : 'true');
    });
    wrap.appendChild(button);
  });

  var list = document.getElementById('password-rules');
  if (!list) return;
  // The password the checklist describes: the field pointing at it.
  var field = document.querySelector('input[aria-describedby~="password-rules"]');
  if (!field) return;
  var met = list.dataset.metLabel || '';
  var unmet = list.dataset.unmetLabel || '';
  // The symbols Cognito counts as special characters (src/domain.rs).
  var symbols = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ';
  var checks = {
    min_length: function (v, item) { return Array.from(v).length >= Number(item.dataset.min || 0); },
    uppercase: function (v) { return /\p{Lu}/u.test(v); },
    lowercase: function (v) { return /\p{Ll}/u.test(v); },
    digit: function (v) { return /[0-9]/.test(v); },
    symbol: function (v) { return Array.from(v).some(function (c) { return symbols.indexOf(c) >= 0; }); },
  };
  function update() {
    var value = field.value;
    list.querySelectorAll('li[data-rule]').forEach(function (item) {
      var check = checks[item.dataset.rule];
      if (!check) return;
      var status = item.querySelector('.rule-status');
      if (!status) {
        status = document.createElement('span');
        status.className = 'rule-status';
        item.appendChild(status);
      }
      if (value === '') {
        item.className = 'rule';
        status.textContent = '';
        return;
      }
      var ok = check(value, item);
      item.className = ok ? 'rule met' : 'rule unmet';
      status.textContent = ' (' + (ok ? met : unmet) + ')';
    });
  }
  field.addEventListener('input', update);
})();
