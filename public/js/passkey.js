// Passkeys, where the browser has WebAuthn. Without this script (or without
// WebAuthn) the passkey buttons stay hidden and a note says why; every
// other way in works the same.
//  - [data-passkey-option]: hidden buttons to show.
//  - [data-passkey-unavailable]: the note to hide.
//  - form[data-passkey-get]: sign in. The attribute holds the pool's
//    request options (WebAuthn's JSON form); the browser's answer goes back
//    in the form's `credential` field.
//  - form[data-passkey-create]: register, the same way with creation options.
// A cancelled dialog posts an empty credential: the server answers with the
// page and its message, in the page's language.
(function () {
  'use strict';
  var PK = window.PublicKeyCredential;
  if (!PK || !navigator.credentials) return;

  document.querySelectorAll('[data-passkey-option]').forEach(function (el) {
    el.hidden = false;
  });
  document.querySelectorAll('[data-passkey-unavailable]').forEach(function (el) {
    el.hidden = true;
  });

  function fromBase64url(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) base64 += '=';
    var bytes = atob(base64);
    var out = new Uint8Array(bytes.length);
    for (var i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i);
    return out.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function withIds(list) {
    return (list || []).map(function (c) {
      return Object.assign({}, c, { id: fromBase64url(c.id) });
    });
  }

  // Browsers from 2024 on parse and serialise the JSON forms themselves;
  // older ones get the same by hand.
  function requestOptions(json) {
    if (PK.parseRequestOptionsFromJSON) return PK.parseRequestOptionsFromJSON(json);
    return Object.assign({}, json, {
      challenge: fromBase64url(json.challenge),
      allowCredentials: withIds(json.allowCredentials)
    });
  }

  function creationOptions(json) {
    if (PK.parseCreationOptionsFromJSON) return PK.parseCreationOptionsFromJSON(json);
    return Object.assign({}, json, {
      challenge: fromBase64url(json.challenge),
      user: Object.assign({}, json.user, { id: fromBase64url(json.user.id) }),
      excludeCredentials: withIds(json.excludeCredentials)
    });
  }

  function toJSON(credential) {
    if (credential.toJSON) return credential.toJSON();
    var r = credential.response;
    var response = { clientDataJSON: toBase64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      if (r.userHandle) response.userHandle = toBase64url(r.userHandle);
    }
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: response
    };
  }

  function ceremony(form, run) {
    var busy = false;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (busy) return;
      busy = true;
      var field = form.querySelector('input[name="credential"]');
      // A promise from the start, so options that do not parse end in
      // the same post as a cancelled dialog.
      Promise.resolve()
        .then(run)
        .then(function (credential) {
          field.value = credential ? JSON.stringify(toJSON(credential)) : '';
        })
        .catch(function () {
          field.value = '';
        })
        .then(function () {
          form.submit();
        });
    });
  }

  document.querySelectorAll('form[data-passkey-get]').forEach(function (form) {
    ceremony(form, function () {
      var json = JSON.parse(form.getAttribute('data-passkey-get'));
      return navigator.credentials.get({ publicKey: requestOptions(json) });
    });
  });

  document.querySelectorAll('form[data-passkey-create]').forEach(function (form) {
    ceremony(form, function () {
      var json = JSON.parse(form.getAttribute('data-passkey-create'));
      return navigator.credentials.create({ publicKey: creationOptions(json) });
    });
  });
})();
