# Die deutschen Texte von Threshold. Die IDs sind fest: Code, Tests und
# andere Sprachen verweisen darauf. Im Code trennt ein Punkt die Teile
# (`sign_in.title`); hier steht dafür ein Bindestrich (`sign_in-title`).

layout-skip = Zum Formular springen

footer-links = Links zur Website
footer-terms = Nutzungsbedingungen
footer-privacy = Datenschutzerklärung
footer-support = Hilfe und Support
language-label = Sprache
language-submit = Sprache ändern

error_summary-title = Es ist ein Problem aufgetreten

field-email = E-Mail-Adresse
field-username = Benutzername
field-password = Passwort
field-confirmation_code = Bestätigungscode

sign_in-title = Anmelden
sign_in-submit = Anmelden
sign_in-no_account = Neu hier?
sign_in-create_account = Konto erstellen
sign_in-incorrect_credentials = E-Mail-Adresse oder Passwort ist falsch.
sign_in-temporary_password_spent = Dieses vorläufige Passwort wurde bereits verwendet oder ist abgelaufen. Bitten Sie die Person, die Sie eingeladen hat, um eine neue Einladung.
sign_in-locked_out = Zu viele falsche Passwörter. Die Anmeldung ist für einige Minuten gesperrt. Warten Sie kurz oder setzen Sie Ihr Passwort zurück.
sign_in-expired = Ihre Anmeldung hat zu lange gedauert und ist abgelaufen. Bitte melden Sie sich erneut an.

sign_up-title = Konto erstellen
sign_up-submit = Konto erstellen
sign_up-have_account = Sie haben bereits ein Konto?
sign_up-sign_in = Anmelden
sign_up-consent = Ich akzeptiere die Nutzungsbedingungen
sign_up-consent_link = Nutzungsbedingungen lesen
sign_up-consent_missing = Akzeptieren Sie die Nutzungsbedingungen, um ein Konto zu erstellen.

confirm-title = Bitte prüfen Sie Ihre E-Mails
confirm-intro = Geben Sie den 6-stelligen Code ein, den wir an { $destination } gesendet haben. Er ist 24 Stunden gültig.
confirm-submit = Bestätigen
confirm-resend = Neuen Code senden
confirm-wrong_address = Falsche E-Mail-Adresse? Mit der richtigen neu beginnen
confirm-dev_outbox_intro = Es läuft der lokale Entwicklungs-Pool: Es werden keine E-Mails versendet.
confirm-dev_outbox_link = Entwicklungs-Postausgang öffnen
confirm-confirmed = Ihr Konto ist bestätigt. Melden Sie sich an, um fortzufahren.
confirm-signed_in = Ihr Konto ist bestätigt, und Sie sind angemeldet.
confirm-code_resent = Wir haben Ihnen einen neuen Code gesendet.
confirm-no_flow = Erstellen Sie zuerst ein Konto.
confirm-not_confirmed = Ihr Konto ist noch nicht bestätigt. Wir haben Ihnen einen neuen Code gesendet.

code-missing = Geben Sie den Code ein.
code-format = Der Code besteht aus 6 Ziffern.
code-mismatch = Dieser Code ist nicht richtig. Prüfen Sie ihn und versuchen Sie es erneut.
code-expired = Dieser Code ist abgelaufen. Fordern Sie einen neuen an.
code-too_many_attempts = Zu viele falsche Codes. Warten Sie einige Minuten und fordern Sie dann einen neuen Code an.

email-missing = Geben Sie Ihre E-Mail-Adresse ein.
email-invalid = Geben Sie eine E-Mail-Adresse wie name@example.com ein.
username-missing = Geben Sie Ihren Benutzernamen ein.
username-invalid = Geben Sie einen Benutzernamen ohne Leerzeichen und ohne @ ein.
password-missing = Geben Sie Ihr Passwort ein.
password-too_long = Passwörter dürfen höchstens 256 Zeichen lang sein.
password-rejected = Das Passwort wurde nicht akzeptiert. Wählen Sie ein anderes, das die Anforderungen erfüllt.
password-rules_title = Anforderungen an das Passwort
password-rule-min_length = mindestens { $count } Zeichen
password-rule-uppercase = ein Großbuchstabe
password-rule-lowercase = ein Kleinbuchstabe
password-rule-digit = eine Ziffer
password-rule-symbol = ein Sonderzeichen, z. B. ! oder #
password-rule_met = erfüllt
password-rule_unmet = noch offen
password-needs_min_length = Verwenden Sie mindestens { $count } Zeichen.
password-needs_uppercase = Fügen Sie einen Großbuchstaben hinzu.
password-needs_lowercase = Fügen Sie einen Kleinbuchstaben hinzu.
password-needs_digit = Fügen Sie eine Ziffer hinzu.
password-needs_symbol = Fügen Sie ein Sonderzeichen hinzu, z. B. ! oder #.
password-show = Passwort anzeigen

attribute-missing = Dieses Feld ist erforderlich.
attribute-too_long = Die Eingabe ist zu lang (höchstens 256 Zeichen).
attribute-invalid_characters = Dieses Feld enthält unzulässige Zeichen.
attribute-email = E-Mail-Adresse
attribute-name = Vollständiger Name
attribute-given_name = Vorname
attribute-family_name = Nachname
attribute-middle_name = Zweiter Vorname
attribute-nickname = Spitzname
attribute-preferred_username = Bevorzugter Benutzername
attribute-phone_number = Telefonnummer
attribute-locale = Sprache
attribute-birthdate = Geburtsdatum
attribute-website = Website
attribute-address = Adresse

error-rate_limited = Zu viele Versuche. Warten Sie einige Minuten und versuchen Sie es dann erneut.
error-invalid_input = Eine Angabe im Formular wurde nicht akzeptiert. Prüfen Sie Ihre Eingaben und versuchen Sie es erneut.
error-unexpected = Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es gleich noch einmal.
error-unavailable = Der Anmeldedienst ist gerade nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.
error-try_again = Erneut versuchen

session-ended = Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.

sign_out-done = Sie haben sich abgemeldet.
sign_out-everywhere_done = Sie haben sich auf allen Ihren Geräten abgemeldet.

account-title = Ihr Konto
account-profile = Profil
account-sessions = Abmeldung
account-sign_out = Abmelden
account-sign_out_everywhere = Überall abmelden
account-sign_out_everywhere_hint = Wenn Sie sich überall abmelden, werden Ihre Sitzungen auf allen Geräten und in allen Apps innerhalb einer Stunde beendet.
account-verified = bestätigt
account-unverified = nicht bestätigt

challenge-unsupported_title = Ein weiterer Schritt ist nötig
challenge-unsupported = Ihr Konto verlangt bei der Anmeldung einen Schritt, den diese Website noch nicht unterstützt ({ $challenge }). Bitte wenden Sie sich an den Support.
challenge-start_over = Von vorn beginnen

outbox-title = Entwicklungs-Postausgang
outbox-intro = Der lokale Entwicklungs-Pool versendet keine E-Mails oder SMS. Alles, was er gesendet hätte, ist hier aufgeführt, das Neueste zuerst.
outbox-empty = Es wurde noch nichts gesendet.
outbox-caption = Nachrichten, die der lokale Pool gesendet hätte
outbox-sent_at = Gesendet
outbox-destination = An
outbox-purpose = Zweck
outbox-purpose_sign_up = Registrierung bestätigen
outbox-purpose_forgot_password = Passwort zurücksetzen
outbox-purpose_mfa = Anmeldecode
outbox-purpose_verify_attribute = Adresse bestätigen
outbox-purpose_invitation = Einladung
outbox-code = Code
outbox-message = Nachricht

not_found-title = Seite nicht gefunden
not_found-body = Unter dieser Adresse gibt es keine Seite.
not_found-home = Zur Startseite

csrf-title = Formular abgelaufen
csrf-invalid = Dieses Formular konnte nicht angenommen werden, weil es vor zu langer Zeit oder in einem anderen Fenster geöffnet wurde. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es erneut.
csrf-back = Zurück zur Anmeldung

forbidden-title = Nicht für dieses Konto
forbidden-body = Sie sind angemeldet, aber dieses Konto hat keinen Zugriff auf diese Seite. Wenn es Zugriff haben sollte, bitten Sie Ihren Administrator, es der richtigen Gruppe hinzuzufügen.
forbidden-account = Zu Ihrem Konto
account-groups = Gruppen
account-groups_hint = Ihr Administrator legt fest, in welchen Gruppen Sie sind. Änderungen erscheinen hier innerhalb einer Stunde oder bei Ihrer nächsten Anmeldung.

too_large-title = Zu viele Daten
too_large-body = Das Formular hat mehr Daten gesendet, als wir annehmen.
unavailable-title = Nicht verfügbar
bad_request-title = Formular nicht angenommen

# Mehrstufige Authentifizierung (Schritte bei der Anmeldung und der Sicherheitsbereich des Kontos)

field-mfa_code = Bestätigungscode
field-new_password = Neues Passwort
field-device_name = Gerätename (optional)

challenge-app_code_title = Bestätigungscode eingeben
challenge-app_code_intro = Öffnen Sie Ihre Authenticator-App und geben Sie den 6-stelligen Code ein, den sie für diese Website anzeigt.
challenge-sms_title = Bitte prüfen Sie Ihre SMS
challenge-sms_intro = Wir haben einen 6-stelligen Code per SMS an { $destination } gesendet. Er ist 3 Minuten gültig.
challenge-email_title = Bitte prüfen Sie Ihre E-Mails
challenge-email_intro = Wir haben einen 6-stelligen Code an { $destination } gesendet. Er ist 3 Minuten gültig.
challenge-new_password_title = Eigenes Passwort festlegen
challenge-new_password_intro = Sie haben sich mit einem vorläufigen Passwort angemeldet. Legen Sie ein eigenes fest, um fortzufahren.
challenge-set_password = Passwort festlegen und weiter
challenge-select_title = Wie möchten Sie sich bestätigen?
challenge-select_intro = Wählen Sie, wie Sie Ihren Bestätigungscode erhalten möchten
challenge-setup_title = Bestätigung in zwei Schritten einrichten
challenge-setup_intro = Für Ihr Konto ist bei der Anmeldung ein zweiter Schritt erforderlich. Wählen Sie, wie Sie ihn einrichten möchten
challenge-setup_sms_later = Für Codes per SMS muss in Ihrem Konto eine Telefonnummer hinterlegt sein. Wählen Sie jetzt eine andere Methode; eine Telefonnummer können Sie danach in Ihrem Konto hinzufügen.
challenge-setup_sms_only = Diese Website sendet Codes für die Anmeldung per SMS, und in Ihrem Konto ist noch keine Telefonnummer hinterlegt. Bitte wenden Sie sich an den Support der Website, um eine hinzufügen zu lassen, und melden Sie sich dann erneut an.
challenge-verify = Bestätigen
challenge-continue = Weiter
challenge-new_code = Neuen Code senden (erneut anmelden)
challenge-lost_app_title = Sie können Ihre Authenticator-App nicht verwenden?
challenge-lost_app_body = Wenn Sie das Gerät mit der App nicht mehr haben, wenden Sie sich an den Support. Dort kann die Bestätigung in zwei Schritten für Ihr Konto deaktiviert werden, sodass Sie sich anmelden und ein neues Gerät einrichten können.
challenge-contact_support = Support kontaktieren

mfa-choose = Wählen Sie eine der Optionen.
mfa-factor-totp = Authenticator-App
mfa-factor-sms = SMS
mfa-factor-email = E-Mail
mfa-pool-off = Diese Website verwendet keine Bestätigung in zwei Schritten.
mfa-pool-optional = Die Bestätigung in zwei Schritten ist optional, wird aber empfohlen.
mfa-pool-on = Diese Website verlangt die Bestätigung in zwei Schritten.
mfa-state_preferred = aktiviert, bevorzugt
mfa-state_on = aktiviert
mfa-state_off = deaktiviert
mfa-sms_needs_phone = Fügen Sie Ihrem Profil eine Telefonnummer hinzu, um Codes per SMS zu nutzen.
mfa-set_up_app = Authenticator-App einrichten
mfa-enable-sms = Codes per SMS aktivieren
mfa-enable-email = Codes per E-Mail aktivieren
mfa-enable-totp = Authenticator-App einrichten
mfa-disable-totp = Authenticator-App deaktivieren
mfa-disable-sms = Codes per SMS deaktivieren
mfa-disable-email = Codes per E-Mail deaktivieren
mfa-make_preferred = Als bevorzugt festlegen
mfa-totp_on = Ihre Authenticator-App ist eingerichtet. Bei der Anmeldung werden Sie nach einem Code gefragt.
mfa-totp_off = Die Authenticator-App ist deaktiviert.
mfa-sms_on = Codes per SMS sind aktiviert.
mfa-sms_off = Codes per SMS sind deaktiviert.
mfa-email_on = Codes per E-Mail sind aktiviert.
mfa-email_off = Codes per E-Mail sind deaktiviert.
mfa-preferred_set = Ihre bevorzugte Bestätigungsmethode wurde gespeichert.
mfa-refused = Diese Änderung wurde nicht angenommen. Prüfen Sie, ob die Methode eingerichtet ist.
mfa-not_allowed = Diese Website bietet diese Bestätigungsmethode nicht an.

account-security = Bestätigung in zwei Schritten

totp-title = Authenticator-App einrichten
totp-intro = Fügen Sie { $account } einer Authenticator-App hinzu, z. B. 1Password, Google Authenticator oder Microsoft Authenticator.
totp-qr_alt = QR-Code, um dieses Konto einer Authenticator-App hinzuzufügen
totp-step_scan = Scannen Sie den QR-Code mit Ihrer Authenticator-App oder geben Sie den unten stehenden Schlüssel ein.
totp-step_code = Geben Sie den 6-stelligen Code ein, den die App anzeigt.
totp-cannot_scan = Scannen nicht möglich? Geben Sie diesen Schlüssel in der App ein:
totp-open_in_app = In einer Authenticator-App auf diesem Gerät öffnen
totp-verify = Bestätigen und aktivieren
totp-cancel = Abbrechen und zurück zu Ihrem Konto

# Passwort-Wiederherstellung, Profil, E-Mail-Adresse und Telefonnummer,
# Passwortänderung, Sitzungen und Kontolöschung (Issue 5).
field-new_email = Neue E-Mail-Adresse
field-new_phone = Neue Telefonnummer
field-current_password = Aktuelles Passwort
field-reset_code = Code zum Zurücksetzen
field-verification_code = Bestätigungscode
field-delete_confirm = Geben Sie zur Bestätigung { $word } ein

sign_in-forgot_password = Passwort vergessen?

forgot_password-title = Passwort zurücksetzen
forgot_password-intro = Geben Sie die E-Mail-Adresse ein, mit der Sie sich registriert haben. Wir senden Ihnen einen Code, mit dem Sie ein neues Passwort festlegen können.
forgot_password-intro_username = Geben Sie Ihren Benutzernamen ein. Wir senden einen Code an die E-Mail-Adresse des Kontos.
forgot_password-submit = Code senden
forgot_password-back_to_sign_in = Zurück zur Anmeldung

reset_password-title = Neues Passwort festlegen
reset_password-intro = Falls { $destination } zu einem Konto gehört, haben wir einen Code zum Zurücksetzen dorthin gesendet. Er ist eine Stunde gültig. Geben Sie ihn ein und legen Sie ein neues Passwort fest.
reset_password-intro_account = Falls das Konto existiert, haben wir einen Code zum Zurücksetzen an die zugehörige E-Mail-Adresse gesendet. Er ist eine Stunde gültig. Geben Sie ihn ein und legen Sie ein neues Passwort fest.
reset_password-submit = Neues Passwort festlegen
reset_password-start_over = Andere E-Mail-Adresse verwenden
reset_password-required = Sie müssen Ihr Passwort zurücksetzen, bevor Sie sich anmelden können. Wir haben einen Code zum Zurücksetzen an { $destination } gesendet.
reset_password-required_account = Sie müssen Ihr Passwort zurücksetzen, bevor Sie sich anmelden können. Wir haben einen Code zum Zurücksetzen an die E-Mail-Adresse des Kontos gesendet.
reset_password-code_resent = Falls das Konto existiert, haben wir einen neuen Code zum Zurücksetzen gesendet.
reset_password-no_flow = Fordern Sie zuerst einen Code zum Zurücksetzen an.
reset_password-done = Ihr Passwort wurde geändert. Melden Sie sich mit Ihrem neuen Passwort an.

phone-invalid = Geben Sie eine Telefonnummer mit Ländervorwahl ein, z. B. +44 20 7946 0958.

profile-title = Profil bearbeiten
profile-intro = Lassen Sie ein Feld leer, um die Angabe aus Ihrem Konto zu entfernen.
profile-submit = Profil speichern
profile-saved = Ihr Profil wurde gespeichert.
profile-unchanged = An Ihrem Profil wurde nichts geändert.
profile-not_saved = Ihr Profil konnte nicht gespeichert werden. Prüfen Sie die Felder und versuchen Sie es erneut.
profile-locale_invalid = Geben Sie einen Sprachcode wie en, fr oder pt-BR ein.
profile-locale_hint = Die Sprache für Nachrichten zu Ihrem Konto.
profile-locale_none = Nicht festgelegt

contact-email_title = E-Mail-Adresse ändern
contact-phone_title = Telefonnummer ändern
contact-current_email = Ihre E-Mail-Adresse lautet { $value }.
contact-current_phone = Ihre Telefonnummer lautet { $value }.
contact-email_hint = Wir senden einen Code an die neue Adresse, um zu prüfen, ob sie Ihnen gehört.
contact-phone_hint = Geben Sie die Ländervorwahl mit an, z. B. +44 20 7946 0958. Wir senden einen Code per SMS an die neue Nummer. Lassen Sie das Feld leer, um Ihre Nummer zu entfernen.
contact-submit = Code senden
contact-unchanged = Das ist bereits Ihre Adresse; es wurde nichts geändert.
contact-phone_removed = Ihre Telefonnummer wurde entfernt.
contact-code_not_sent = Ihre Änderung ist gespeichert, aber wir konnten keinen Code senden. Bestätigen Sie sie später über Ihre Kontoseite.

verify-email_title = E-Mail-Adresse bestätigen
verify-phone_title = Telefonnummer bestätigen
verify-intro = Geben Sie den 6-stelligen Code ein, den wir an { $value } gesendet haben.
verify-intro_pending = Geben Sie den 6-stelligen Code ein, den wir an { $value } gesendet haben. Bis dahin bleibt { $old } in Ihrem Konto hinterlegt und gilt weiterhin für die Anmeldung.
verify-submit = Bestätigen
verify-code_resent = Wir haben Ihnen einen neuen Code gesendet.
verify-email_done = Ihre E-Mail-Adresse ist bestätigt.
verify-phone_done = Ihre Telefonnummer ist bestätigt.

change_password-title = Passwort ändern
change_password-submit = Passwort ändern
change_password-wrong_current = Das ist nicht Ihr aktuelles Passwort.
change_password-done = Ihr Passwort wurde geändert.

sign_out_everywhere-title = Überall abmelden?
sign_out_everywhere-intro = Damit werden Sie auf allen Geräten und in allen Apps abgemeldet, auf denen Sie angemeldet sind – auch auf diesem. Danach müssen Sie sich erneut anmelden.
sign_out_everywhere-submit = Überall abmelden

delete_account-title = Konto löschen
delete_account-intro = Damit werden Ihr Konto und alle darin gespeicherten Daten endgültig gelöscht. Das lässt sich nicht rückgängig machen.
delete_account-submit = Mein Konto löschen
delete_account-word = LÖSCHEN
delete_account-word_mismatch = Geben Sie das Wort zur Bestätigung genau so ein, wie es angezeigt wird – in Großbuchstaben.

goodbye-title = Auf Wiedersehen
goodbye-body = Ihr Konto wurde gelöscht und Sie sind abgemeldet. Vielen Dank für die Zeit, die Sie mit uns verbracht haben.
goodbye-sign_up = Neues Konto erstellen

account-back = Zurück zu Ihrem Konto
account-cancel = Abbrechen und angemeldet bleiben
account-edit_profile = Profil bearbeiten
account-change_email = E-Mail-Adresse ändern
account-change_phone = Telefonnummer ändern
account-change_password = Passwort ändern
account-delete_heading = Konto löschen
account-delete = Konto löschen …
account-enter_code = Code eingeben
account-verify_now = Code zur Bestätigung senden
account-unverified_email = Ihre E-Mail-Adresse { $value } ist noch nicht bestätigt.
account-unverified_phone = Ihre Telefonnummer { $value } ist noch nicht bestätigt.
account-pending_email = Ihre neue E-Mail-Adresse { $value } muss noch mit dem Code bestätigt werden.
account-pending_email_kept = Ihre neue E-Mail-Adresse { $value } muss noch mit dem Code bestätigt werden. Bis dahin bleibt { $old } in Ihrem Konto hinterlegt und gilt weiterhin für die Anmeldung.
account-pending_phone = Ihre neue Telefonnummer { $value } muss noch mit dem Code bestätigt werden.
account-pending_phone_kept = Ihre neue Telefonnummer { $value } muss noch mit dem Code bestätigt werden. Bis dahin bleibt { $old } in Ihrem Konto hinterlegt.

confirm_identity-title = Bestätigen Sie Ihre Identität
confirm_identity-intro = Geben Sie zu Ihrer Sicherheit vor dieser Änderung Ihr Passwort erneut ein.
confirm_identity-required = Geben Sie Ihr Passwort erneut ein, um fortzufahren.
confirm_identity-wrong_password = Dieses Passwort ist nicht richtig.
confirm_identity-submit = Weiter

rate_limited-title = Zu viele Versuche
rate_limited-body = { $minutes ->
    [one] Es gab zu viele Versuche. Versuchen Sie es in einer Minute erneut.
   *[other] Es gab zu viele Versuche. Versuchen Sie es in { $minutes } Minuten erneut.
}

# choice-based sign-in and passkeys
sign_in-continue = Weiter
challenge-first_factor_title = Wie möchten Sie sich anmelden?
challenge-first_factor_intro = Anmeldung als { $name }.
challenge-or = oder
challenge-send_email_code = Anmeldecode per E-Mail senden
challenge-send_sms_code = Anmeldecode per SMS senden
challenge-use_passkey = Mit einem Passkey anmelden
challenge-passkey_title = Passkey verwenden
challenge-passkey_intro = Ihr Browser bittet Sie, mit dem Passkey auf diesem Gerät, Ihrem Telefon oder in Ihrem Passwortmanager zu bestätigen.
challenge-other_ways = Andere Anmeldemöglichkeiten
challenge-not_you = Nicht Sie? Neu beginnen
passkey-failed = Es wurde kein Passkey verwendet. Versuchen Sie es erneut oder wählen Sie eine andere Möglichkeit.
passkey-refused = Mit diesem Passkey ist keine Anmeldung bei diesem Konto möglich. Wählen Sie eine andere Möglichkeit.
passkey-needs_script = Passkeys benötigen einen Browser mit JavaScript und Passkey-Unterstützung. Die anderen Anmeldemöglichkeiten funktionieren auch ohne.
passkey-not_available = Passkeys sind auf dieser Website derzeit nicht verfügbar.
passkey-expired = Das Erstellen des Passkeys hat zu lange gedauert. Beginnen Sie erneut.
passkey-not_supported = Dieser Passkey konnte nicht hinzugefügt werden. Versuchen Sie ein anderes Gerät oder einen anderen Passwortmanager.
passkey-added = Ihr Passkey wurde hinzugefügt. Beim nächsten Mal können Sie sich damit anmelden.
passkey-deleted = Der Passkey wurde gelöscht. Er meldet Sie nicht mehr bei Ihrem Konto an.
passkeys-title = Passkeys
passkeys-intro = Ein Passkey meldet Sie mit Fingerabdruck, Gesicht, Displaysperre oder Sicherheitsschlüssel an – ohne Passwort, das man eintippen oder stehlen könnte.
passkeys-none = Sie haben noch keine Passkeys.
passkeys-unnamed = Passkey
passkeys-created = Hinzugefügt
passkeys-delete = Löschen
passkeys-add = Passkey hinzufügen
passkeys-create_intro = Ihr Browser fragt, wo der neue Passkey gespeichert werden soll: auf diesem Gerät, Ihrem Telefon oder in Ihrem Passwortmanager.
passkeys-create = Passkey erstellen
passkeys-cancel = Abbrechen
passkeys-back = Zurück zu Ihrem Konto
account-passkeys = Passkeys verwalten
# remembered devices
devices-remember = Diesen Browser merken
devices-remember_hint = Wenn Sie sich hier wieder anmelden, wird kein Code abgefragt. Nur auf einem Gerät ankreuzen, das nur Sie benutzen.
devices-remembered = Dieser Browser wird gemerkt: Bei der nächsten Anmeldung hier ist kein Code nötig.
devices-heading = Gemerkte Browser
devices-intro = Diese Browser melden sich ohne zweiten Schritt an. Vergessen Sie alle, die Sie nicht mehr benutzen.
devices-none = Es wird kein Browser gemerkt.
devices-unnamed = Unbenannter Browser
devices-last_used = Zuletzt benutzt { $when }
devices-this_browser = Dieser Browser
devices-forget = Vergessen
devices-forgotten = Der Browser ist vergessen. Bei seiner nächsten Anmeldung wird ein Code abgefragt.
devices-not_found = Dieser Browser wird nicht mehr gemerkt.

# sign-up without a password; confirming identity with choice-based sign-in
sign_up-password_optional = Kein Passwort? Lassen Sie das Feld leer: Sie melden sich dann mit einem Code an, den wir Ihnen per E-Mail senden, und können später einen Passkey hinzufügen.
sign_up-password_needed = Diese Website benötigt für jedes Konto ein Passwort.
confirm_identity-intro_choice = Melden Sie sich zu Ihrer Sicherheit vor dieser Änderung erneut an.
