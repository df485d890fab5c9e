// Passkeys (WebAuthn): adds one, or signs in with one. A form marked data-passkey="create" or "get" carries the
// server's options as JSON in data-passkey-options; on submit the browser is asked for a passkey, and its answer
// goes in the form's hidden "credential" field as JSON (the shape py_webauthn reads). No inline script: the
// Content-Security-Policy allows scripts from this site's files only.

function fromBase64url(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer;
}

function toBase64url(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = "";
  for (const byte of bytes) {
    text += String.fromCharCode(byte);
  }
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function creationOptions(json) {
  const options = { ...json, challenge: fromBase64url(json.challenge) };
  options.user = { ...json.user, id: fromBase64url(json.user.id) };
  options.excludeCredentials = (json.excludeCredentials || []).map((c) => ({ ...c, id: fromBase64url(c.id) }));
  return options;
}

function requestOptions(json) {
  const options = { ...json, challenge: fromBase64url(json.challenge) };
  options.allowCredentials = (json.allowCredentials || []).map((c) => ({ ...c, id: fromBase64url(c.id) }));
  return options;
}

function credentialJSON(credential) {
  const response = credential.response;
  const json = {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment || undefined,
    response: { clientDataJSON: toBase64url(response.clientDataJSON) },
  };
  if (response.attestationObject) {
    json.response.attestationObject = toBase64url(response.attestationObject);
    json.response.transports = response.getTransports ? response.getTransports() : [];
  } else {
    json.response.authenticatorData = toBase64url(response.authenticatorData);
    json.response.signature = toBase64url(response.signature);
    json.response.userHandle = response.userHandle ? toBase64url(response.userHandle) : undefined;
  }
  return JSON.stringify(json);
}

function showProblem(form, text) {
  const problem = form.querySelector("[data-passkey-problem]");
  if (problem) {
    problem.textContent = text;
    problem.hidden = false;
  }
}

async function ceremony(form) {
  const options = JSON.parse(form.dataset.passkeyOptions);
  const credential =
    form.dataset.passkey === "create"
      ? await navigator.credentials.create({ publicKey: creationOptions(options) })
      : await navigator.credentials.get({ publicKey: requestOptions(options) });
  form.querySelector('input[name="credential"]').value = credentialJSON(credential);
  form.submit();
}

for (const form of document.querySelectorAll("form[data-passkey]")) {
  if (!window.PublicKeyCredential) {
    showProblem(form, "This browser cannot use passkeys. Use another browser, or your authenticator app.");
    continue;
  }
  form.addEventListener("submit", (event) => {
    if (form.querySelector('input[name="credential"]').value) {
      return;
    }
    const name = form.querySelector('input[name="name"]');
    if (name && !name.value.trim()) {
      return; // the server answers with its error summary: no passkey is made without a name
    }
    event.preventDefault();
    ceremony(form).catch((error) => {
      console.error(error);
      showProblem(form, "No passkey was used. Try again, or use your authenticator app instead.");
    });
  });
}
