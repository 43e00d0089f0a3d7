# Mensajes de Threshold en español. Los ids son estables: el código, las pruebas
# y los demás idiomas hacen referencia a ellos. En el código, un punto separa
# las partes (`sign_in.title`); aquí se escribe con un guion (`sign_in-title`).

layout-skip = Ir al formulario

footer-links = Enlaces del sitio
footer-terms = Condiciones del servicio
footer-privacy = Política de privacidad
footer-support = Ayuda y soporte
language-label = Idioma
language-submit = Cambiar idioma

error_summary-title = Hay un problema

field-email = Correo electrónico
field-username = Nombre de usuario
field-password = Contraseña
field-confirmation_code = Código de confirmación

sign_in-title = Iniciar sesión
sign_in-submit = Iniciar sesión
sign_in-no_account = ¿Primera vez aquí?
sign_in-create_account = Crear una cuenta
sign_in-incorrect_credentials = Correo electrónico o contraseña incorrectos.
sign_in-temporary_password_spent = Esta contraseña temporal ya se usó o caducó. Pide a quien te invitó que te envíe una nueva invitación.
sign_in-locked_out = Demasiadas contraseñas incorrectas. El inicio de sesión está en pausa durante unos minutos; espera o restablece tu contraseña.
sign_in-expired = Tu inicio de sesión tardó demasiado y caducó. Vuelve a iniciar sesión.

sign_up-title = Crea tu cuenta
sign_up-submit = Crear cuenta
sign_up-have_account = ¿Ya tienes una cuenta?
sign_up-sign_in = Iniciar sesión
sign_up-consent = Acepto las condiciones del servicio
sign_up-consent_link = Leer las condiciones del servicio
sign_up-consent_missing = Acepta las condiciones del servicio para crear una cuenta.

confirm-title = Revisa tu correo
confirm-intro = Escribe el código de 6 dígitos que te enviamos a { $destination }. Es válido durante 24 horas.
confirm-submit = Confirmar
confirm-resend = Enviar un código nuevo
confirm-wrong_address = ¿Te equivocaste de correo electrónico? Vuelve a empezar con el correcto
confirm-dev_outbox_intro = Se está usando el grupo de usuarios local de desarrollo: no se envía ningún correo.
confirm-dev_outbox_link = Abrir la bandeja de salida de desarrollo
confirm-confirmed = Tu cuenta está confirmada. Inicia sesión para continuar.
confirm-signed_in = Tu cuenta está confirmada y ya has iniciado sesión.
confirm-code_resent = Te enviamos un código nuevo.
confirm-no_flow = Primero crea una cuenta.
confirm-not_confirmed = Tu cuenta aún no está confirmada. Te enviamos un código nuevo.

code-missing = Escribe el código.
code-format = El código tiene 6 dígitos.
code-mismatch = Ese código no es correcto. Revísalo y vuelve a intentarlo.
code-expired = Ese código caducó. Pide uno nuevo.
code-too_many_attempts = Demasiados códigos incorrectos. Espera unos minutos y luego pide un código nuevo.

email-missing = Escribe tu correo electrónico.
email-invalid = Escribe un correo electrónico como name@example.com.
username-missing = Escribe tu nombre de usuario.
username-invalid = Escribe un nombre de usuario sin espacios ni @.
password-missing = Escribe tu contraseña.
password-too_long = La contraseña puede tener como máximo 256 caracteres.
password-rejected = No se aceptó la contraseña. Elige otra que cumpla los requisitos.
password-rules_title = Requisitos de la contraseña
password-rule-min_length = { $count ->
    [one] al menos { $count } carácter
   *[other] al menos { $count } caracteres
}
password-rule-uppercase = una letra mayúscula
password-rule-lowercase = una letra minúscula
password-rule-digit = un número
password-rule-symbol = un símbolo, como ! o #
password-rule_met = cumplido
password-rule_unmet = pendiente
password-needs_min_length = { $count ->
    [one] Usa al menos { $count } carácter.
   *[other] Usa al menos { $count } caracteres.
}
password-needs_uppercase = Agrega una letra mayúscula.
password-needs_lowercase = Agrega una letra minúscula.
password-needs_digit = Agrega un número.
password-needs_symbol = Agrega un símbolo, como ! o #.
password-show = Mostrar contraseña

attribute-missing = Este campo es obligatorio.
attribute-too_long = Es demasiado largo (máximo 256 caracteres).
attribute-invalid_characters = Este campo contiene caracteres no permitidos.
attribute-email = Correo electrónico
attribute-name = Nombre completo
attribute-given_name = Nombre
attribute-family_name = Apellidos
attribute-middle_name = Segundo nombre
attribute-nickname = Apodo
attribute-preferred_username = Nombre de usuario preferido
attribute-phone_number = Número de teléfono
attribute-locale = Idioma
attribute-birthdate = Fecha de nacimiento
attribute-website = Sitio web
attribute-address = Dirección

error-rate_limited = Demasiados intentos. Espera unos minutos y vuelve a intentarlo.
error-invalid_input = No se aceptó algún dato del formulario. Revísalo y vuelve a intentarlo.
error-unexpected = Algo salió mal por nuestra parte. Vuelve a intentarlo en unos instantes.
error-unavailable = El servicio de inicio de sesión no está disponible en este momento. Vuelve a intentarlo en unos instantes.
error-try_again = Volver a intentar

session-ended = Tu sesión terminó. Vuelve a iniciar sesión.

sign_out-done = Se cerró tu sesión.
sign_out-everywhere_done = Se cerró tu sesión en todos tus dispositivos.

account-title = Tu cuenta
account-profile = Perfil
account-sessions = Cierre de sesión
account-sign_out = Cerrar sesión
account-sign_out_everywhere = Cerrar sesión en todas partes
account-sign_out_everywhere_hint = Al cerrar sesión en todas partes, se cierran tus sesiones en todos los dispositivos y aplicaciones en menos de una hora.
account-verified = verificado
account-unverified = sin verificar

challenge-unsupported_title = Se necesita otro paso
challenge-unsupported = Tu cuenta pide un paso de inicio de sesión que este sitio aún no admite ({ $challenge }). Ponte en contacto con el equipo de soporte.
challenge-start_over = Empezar de nuevo

outbox-title = Bandeja de salida de desarrollo
outbox-intro = El grupo de usuarios local de desarrollo no envía correos ni mensajes de texto. Aquí aparece todo lo que habría enviado, del más reciente al más antiguo.
outbox-empty = Todavía no hay nada enviado.
outbox-caption = Mensajes que el grupo de usuarios local habría enviado
outbox-sent_at = Enviado
outbox-destination = Para
outbox-purpose = Motivo
outbox-purpose_sign_up = Confirmar un registro
outbox-purpose_forgot_password = Restablecer una contraseña
outbox-purpose_mfa = Código de inicio de sesión
outbox-purpose_verify_attribute = Verificar una dirección
outbox-purpose_invitation = Invitación
outbox-code = Código
outbox-message = Mensaje

not_found-title = Página no encontrada
not_found-body = No hay ninguna página en esta dirección.
not_found-home = Ir a la página de inicio

csrf-title = Formulario caducado
csrf-invalid = No se pudo aceptar este formulario porque se abrió hace demasiado tiempo o en otra ventana. Vuelve atrás, recarga la página y vuelve a intentarlo.
csrf-back = Volver al inicio de sesión

forbidden-title = No disponible para esta cuenta
forbidden-body = Tienes la sesión iniciada, pero esta cuenta no tiene acceso a esta página. Si crees que debería tenerlo, pide a tu administrador que la agregue al grupo correcto.
forbidden-account = Ir a tu cuenta
account-groups = Grupos
account-groups_hint = Tu administrador decide en qué grupos estás. Los cambios aparecen aquí en menos de una hora o la próxima vez que inicies sesión.

too_large-title = Demasiados datos
too_large-body = El formulario envió más datos de los que aceptamos.
unavailable-title = No disponible
bad_request-title = Formulario no aceptado

# Autenticación multifactor (pasos del inicio de sesión y sección de seguridad de la cuenta)

field-mfa_code = Código de verificación
field-new_password = Contraseña nueva
field-device_name = Nombre del dispositivo (opcional)

challenge-app_code_title = Escribe tu código de verificación
challenge-app_code_intro = Abre tu aplicación de autenticación y escribe el código de 6 dígitos que muestra para este sitio.
challenge-sms_title = Revisa tu teléfono
challenge-sms_intro = Te enviamos un código de 6 dígitos por mensaje de texto a { $destination }. Es válido durante 3 minutos.
challenge-email_title = Revisa tu correo
challenge-email_intro = Te enviamos un código de 6 dígitos a { $destination }. Es válido durante 3 minutos.
challenge-new_password_title = Elige tu contraseña
challenge-new_password_intro = Iniciaste sesión con una contraseña temporal. Elige tu propia contraseña para continuar.
challenge-set_password = Guardar contraseña y continuar
challenge-select_title = ¿Cómo quieres verificar tu identidad?
challenge-select_intro = Elige cómo quieres recibir tu código de verificación
challenge-setup_title = Configura la verificación en dos pasos
challenge-setup_intro = Tu cuenta necesita un segundo paso al iniciar sesión. Elige cómo configurarlo
challenge-setup_sms_later = Para recibir códigos por mensaje de texto, tu cuenta necesita un número de teléfono. Elige otro método ahora; después podrás agregar un número de teléfono en tu cuenta.
challenge-setup_sms_only = Este sitio envía los códigos de inicio de sesión por mensaje de texto y tu cuenta aún no tiene número de teléfono. Ponte en contacto con el equipo de soporte del sitio para agregar uno y luego vuelve a iniciar sesión.
challenge-verify = Verificar
challenge-continue = Continuar
challenge-new_code = Enviar un código nuevo (volver a iniciar sesión)
challenge-lost_app_title = ¿No puedes usar tu aplicación de autenticación?
challenge-lost_app_body = Si ya no tienes el dispositivo con la aplicación, ponte en contacto con el equipo de soporte. Pueden desactivar la verificación en dos pasos de tu cuenta para que puedas iniciar sesión y configurar un dispositivo nuevo.
challenge-contact_support = Contactar con el equipo de soporte

mfa-choose = Elige una de las opciones.
mfa-factor-totp = Aplicación de autenticación
mfa-factor-sms = Mensaje de texto (SMS)
mfa-factor-email = Correo electrónico
mfa-pool-off = Este sitio no usa la verificación en dos pasos.
mfa-pool-optional = La verificación en dos pasos es opcional, pero recomendable.
mfa-pool-on = Este sitio requiere la verificación en dos pasos.
mfa-state_preferred = activado, preferido
mfa-state_on = activado
mfa-state_off = desactivado
mfa-sms_needs_phone = Agrega un número de teléfono a tu perfil para usar los mensajes de texto.
mfa-set_up_app = Configurar una aplicación de autenticación
mfa-enable-sms = Activar los mensajes de texto
mfa-enable-email = Activar los códigos por correo
mfa-enable-totp = Configurar una aplicación de autenticación
mfa-disable-totp = Desactivar la aplicación de autenticación
mfa-disable-sms = Desactivar los mensajes de texto
mfa-disable-email = Desactivar los códigos por correo
mfa-make_preferred = Marcar como preferido
mfa-totp_on = Tu aplicación de autenticación está configurada. Te pediremos un código cuando inicies sesión.
mfa-totp_off = La aplicación de autenticación está desactivada.
mfa-sms_on = Los códigos por mensaje de texto están activados.
mfa-sms_off = Los códigos por mensaje de texto están desactivados.
mfa-email_on = Los códigos por correo están activados.
mfa-email_off = Los códigos por correo están desactivados.
mfa-preferred_set = Se guardó tu método de verificación preferido.
mfa-refused = No se aceptó ese cambio. Comprueba que el método esté configurado.
mfa-not_allowed = Este sitio no ofrece ese método de verificación.

account-security = Verificación en dos pasos

totp-title = Configura una aplicación de autenticación
totp-intro = Agrega { $account } a una aplicación de autenticación, como 1Password, Google Authenticator o Microsoft Authenticator.
totp-qr_alt = Código QR para agregar esta cuenta a una aplicación de autenticación
totp-step_scan = Escanea el código QR con tu aplicación de autenticación o escribe la clave que aparece abajo.
totp-step_code = Escribe el código de 6 dígitos que muestra la aplicación.
totp-cannot_scan = ¿No puedes escanearlo? Escribe esta clave en la aplicación:
totp-open_in_app = Abrir en una aplicación de autenticación de este dispositivo
totp-verify = Verificar y activar
totp-cancel = Cancelar y volver a tu cuenta

# Recuperación de la contraseña, perfil, correo electrónico y teléfono, cambio
# de contraseña, sesiones y eliminación de la cuenta (issue 5).
field-new_email = Correo electrónico nuevo
field-new_phone = Número de teléfono nuevo
field-current_password = Contraseña actual
field-reset_code = Código de restablecimiento
field-verification_code = Código de verificación
field-delete_confirm = Escribe { $word } para confirmar

sign_in-forgot_password = ¿Olvidaste tu contraseña?

forgot_password-title = Restablece tu contraseña
forgot_password-intro = Escribe el correo electrónico con el que te registraste. Te enviaremos un código para que establezcas una contraseña nueva.
forgot_password-intro_username = Escribe tu nombre de usuario. Enviaremos un código al correo electrónico de la cuenta.
forgot_password-submit = Enviar código
forgot_password-back_to_sign_in = Volver al inicio de sesión

reset_password-title = Elige una contraseña nueva
reset_password-intro = Si { $destination } pertenece a una cuenta, enviamos un código de restablecimiento a esa dirección. Es válido durante una hora. Escríbelo y elige una contraseña nueva.
reset_password-intro_account = Si la cuenta existe, enviamos un código de restablecimiento a su correo electrónico. Es válido durante una hora. Escríbelo y elige una contraseña nueva.
reset_password-submit = Guardar contraseña nueva
reset_password-start_over = Usar otro correo electrónico
reset_password-required = Debes restablecer tu contraseña antes de iniciar sesión. Te enviamos un código de restablecimiento a { $destination }.
reset_password-required_account = Debes restablecer tu contraseña antes de iniciar sesión. Enviamos un código de restablecimiento al correo electrónico de la cuenta.
reset_password-code_resent = Si la cuenta existe, enviamos un código de restablecimiento nuevo.
reset_password-no_flow = Primero pide un código de restablecimiento.
reset_password-done = Se cambió tu contraseña. Inicia sesión con tu contraseña nueva.

phone-invalid = Escribe un número de teléfono con el código de país, como +44 20 7946 0958.

profile-title = Edita tu perfil
profile-intro = Deja un campo vacío para quitarlo de tu cuenta.
profile-submit = Guardar perfil
profile-saved = Se guardó tu perfil.
profile-unchanged = No hubo cambios en tu perfil.
profile-not_saved = No se pudo guardar tu perfil. Revisa los campos y vuelve a intentarlo.
profile-locale_invalid = Escribe un código de idioma como en, fr o pt-BR.
profile-locale_hint = El idioma de los mensajes sobre tu cuenta.
profile-locale_none = Sin definir

contact-email_title = Cambia tu correo electrónico
contact-phone_title = Cambia tu número de teléfono
contact-current_email = Tu correo electrónico es { $value }.
contact-current_phone = Tu número de teléfono es { $value }.
contact-email_hint = Enviaremos un código a la nueva dirección para comprobar que es tuya.
contact-phone_hint = Incluye el código de país, como +44 20 7946 0958. Enviaremos un código por mensaje de texto al nuevo número. Déjalo vacío para quitar tu número.
contact-submit = Enviar código
contact-unchanged = Ese dato ya es el que tienes; no se cambió nada.
contact-phone_removed = Se quitó tu número de teléfono.
contact-code_not_sent = Tu cambio se guardó, pero no pudimos enviar un código. Verifícalo más tarde desde la página de tu cuenta.

verify-email_title = Verifica tu correo electrónico
verify-phone_title = Verifica tu número de teléfono
verify-intro = Escribe el código de 6 dígitos que te enviamos a { $value }.
verify-intro_pending = Escribe el código de 6 dígitos que te enviamos a { $value }. Hasta que lo hagas, { $old } seguirá en tu cuenta y podrás seguir usándolo para iniciar sesión.
verify-submit = Verificar
verify-code_resent = Te enviamos un código nuevo.
verify-email_done = Tu correo electrónico está verificado.
verify-phone_done = Tu número de teléfono está verificado.

change_password-title = Cambia tu contraseña
change_password-submit = Cambiar contraseña
change_password-wrong_current = Esa no es tu contraseña actual.
change_password-done = Se cambió tu contraseña.

sign_out_everywhere-title = ¿Cerrar sesión en todas partes?
sign_out_everywhere-intro = Se cerrará tu sesión en todos los dispositivos y aplicaciones donde la tengas iniciada, incluido este. Tendrás que volver a iniciar sesión.
sign_out_everywhere-submit = Cerrar sesión en todas partes

delete_account-title = Elimina tu cuenta
delete_account-intro = Se eliminarán tu cuenta y todo su contenido de forma definitiva. No se puede deshacer.
delete_account-submit = Eliminar mi cuenta
delete_account-word = ELIMINAR
delete_account-word_mismatch = Escribe la palabra exactamente como aparece, en mayúsculas, para confirmar.

goodbye-title = Adiós
goodbye-body = Se eliminó tu cuenta y se cerró tu sesión. Gracias por el tiempo que pasaste con nosotros.
goodbye-sign_up = Crear una cuenta nueva

account-back = Volver a tu cuenta
account-cancel = Cancelar y mantener la sesión iniciada
account-edit_profile = Editar perfil
account-change_email = Cambiar correo electrónico
account-change_phone = Cambiar número de teléfono
account-change_password = Cambiar contraseña
account-delete_heading = Eliminar cuenta
account-delete = Eliminar tu cuenta…
account-enter_code = Escribir el código
account-verify_now = Enviar un código para verificarlo
account-unverified_email = Tu correo electrónico { $value } aún no está verificado.
account-unverified_phone = Tu número de teléfono { $value } aún no está verificado.
account-pending_email = Falta el código para confirmar tu nuevo correo electrónico { $value }.
account-pending_email_kept = Falta el código para confirmar tu nuevo correo electrónico { $value }. Hasta entonces, { $old } sigue en tu cuenta y aún sirve para iniciar sesión.
account-pending_phone = Falta el código para confirmar tu nuevo número de teléfono { $value }.
account-pending_phone_kept = Falta el código para confirmar tu nuevo número de teléfono { $value }. Hasta entonces, { $old } sigue en tu cuenta.

confirm_identity-title = Confirma que eres tú
confirm_identity-intro = Por tu seguridad, vuelve a escribir tu contraseña antes de hacer este cambio.
confirm_identity-required = Vuelve a escribir tu contraseña para continuar.
confirm_identity-wrong_password = Esa contraseña no es correcta.
confirm_identity-submit = Continuar

rate_limited-title = Demasiados intentos
rate_limited-body = { $minutes ->
    [one] Hubo demasiados intentos. Vuelve a intentarlo dentro de un minuto.
   *[other] Hubo demasiados intentos. Vuelve a intentarlo dentro de { $minutes } minutos.
}

# choice-based sign-in and passkeys
sign_in-continue = Continuar
challenge-first_factor_title = ¿Cómo quieres iniciar sesión?
challenge-first_factor_intro = Iniciando sesión como { $name }.
challenge-or = o
challenge-send_email_code = Enviarme un código por correo
challenge-send_sms_code = Enviarme un código por SMS
challenge-use_passkey = Iniciar sesión con una llave de acceso
challenge-passkey_title = Usa tu llave de acceso
challenge-passkey_intro = Tu navegador te pedirá confirmar con la llave de acceso guardada en este dispositivo, tu teléfono o tu gestor de contraseñas.
challenge-other_ways = Otras formas de iniciar sesión
challenge-not_you = ¿No eres tú? Empezar de nuevo
passkey-failed = No se usó ninguna llave de acceso. Inténtalo de nuevo o elige otra forma.
passkey-refused = Esa llave de acceso no sirve para esta cuenta. Elige otra forma de iniciar sesión.
passkey-needs_script = Las llaves de acceso necesitan un navegador con JavaScript y compatible con ellas. Las demás formas funcionan sin eso.
passkey-not_available = Las llaves de acceso no están disponibles en este sitio ahora mismo.
passkey-expired = Crear la llave de acceso tardó demasiado. Empieza de nuevo.
passkey-not_supported = No se pudo añadir esta llave de acceso. Prueba con otro dispositivo o gestor de contraseñas.
passkey-added = Se añadió tu llave de acceso. La próxima vez podrás iniciar sesión con ella.
passkey-deleted = Se eliminó la llave de acceso. Ya no inicia sesión en tu cuenta.
passkeys-title = Llaves de acceso
passkeys-intro = Una llave de acceso inicia sesión con tu huella, tu cara, el bloqueo de pantalla o una llave de seguridad, sin contraseña que escribir ni robar.
passkeys-none = Aún no tienes llaves de acceso.
passkeys-unnamed = Llave de acceso
passkeys-created = Añadida
passkeys-delete = Eliminar
passkeys-add = Añadir una llave de acceso
passkeys-create_intro = Tu navegador te preguntará dónde guardar la nueva llave de acceso: este dispositivo, tu teléfono o tu gestor de contraseñas.
passkeys-create = Crear la llave de acceso
passkeys-cancel = Cancelar
passkeys-back = Volver a tu cuenta
account-passkeys = Gestionar llaves de acceso
# remembered devices
devices-remember = Recordar este navegador
devices-remember_hint = No se le pedirá un código cuando vuelva a iniciar sesión aquí. Márquelo solo en un dispositivo que use únicamente usted.
devices-remembered = Este navegador se recuerda: la próxima vez que inicie sesión aquí no necesitará un código.
devices-heading = Navegadores recordados
devices-intro = Estos navegadores inician sesión sin un segundo paso. Olvide los que ya no use.
devices-none = No se recuerda ningún navegador.
devices-unnamed = Navegador sin nombre
devices-last_used = Último uso: { $when }
devices-this_browser = Este navegador
devices-forget = Olvidar
devices-forgotten = El navegador se ha olvidado. Se le pedirá un código en su próximo inicio de sesión.
devices-not_found = Ese navegador ya no se recuerda.

# sign-up without a password; confirming identity with choice-based sign-in
sign_up-password_optional = ¿Sin contraseña? Déjalo vacío: iniciarás sesión con un código que te enviaremos por correo y podrás añadir una llave de acceso más adelante.
sign_up-password_needed = Este sitio necesita una contraseña para cada cuenta.
confirm_identity-intro_choice = Por tu seguridad, vuelve a iniciar sesión antes de este cambio.
