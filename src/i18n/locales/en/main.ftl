# Threshold's English messages. Ids are stable: code, tests and other
# languages refer to them. In code a dot separates the parts
# (`sign_in.title`); here it is written as a dash (`sign_in-title`).

layout-skip = Skip to the form

footer-links = Site links
footer-terms = Terms of service
footer-privacy = Privacy policy
footer-support = Help and support
language-label = Language
language-submit = Change language

error_summary-title = There is a problem

field-email = Email
field-username = Username
field-password = Password
field-confirmation_code = Confirmation code

sign_in-title = Sign in
sign_in-submit = Sign in
sign_in-no_account = New here?
sign_in-create_account = Create an account
sign_in-incorrect_credentials = Incorrect email or password.
sign_in-temporary_password_spent = This temporary password has already been used or has expired. Ask whoever invited you to send a new invitation.
sign_in-locked_out = Too many wrong passwords. Sign-in is paused for a few minutes; wait, or reset your password.
sign_in-expired = Your sign-in took too long and has expired. Please sign in again.

sign_up-title = Create your account
sign_up-submit = Create account
sign_up-have_account = Already have an account?
sign_up-sign_in = Sign in
sign_up-consent = I accept the terms of service
sign_up-consent_link = Read the terms of service
sign_up-consent_missing = Accept the terms of service to create an account.

confirm-title = Check your email
confirm-intro = Enter the 6-digit code we sent to { $destination }. It is valid for 24 hours.
confirm-submit = Confirm
confirm-resend = Send a new code
confirm-wrong_address = Wrong email address? Start again with the right one
confirm-dev_outbox_intro = Running on the local development pool: no email is sent.
confirm-dev_outbox_link = Open the development outbox
confirm-confirmed = Your account is confirmed. Sign in to continue.
confirm-signed_in = Your account is confirmed, and you are signed in.
confirm-code_resent = We sent you a new code.
confirm-no_flow = Start by creating an account.
confirm-not_confirmed = Your account is not confirmed yet. We sent you a new code.

code-missing = Enter the code.
code-format = The code is 6 digits.
code-mismatch = That code is not right. Check it and try again.
code-expired = That code has expired. Ask for a new one.
code-too_many_attempts = Too many wrong codes. Wait a few minutes, then ask for a new code.

email-missing = Enter your email address.
email-invalid = Enter an email address like name@example.com.
username-missing = Enter your username.
username-invalid = Enter a username without spaces or @.
password-missing = Enter your password.
password-too_long = Passwords can be at most 256 characters.
password-rejected = The password was not accepted. Choose another one that meets the requirements.
password-rules_title = Password requirements
password-rule-min_length = at least { $count } characters
password-rule-uppercase = an uppercase letter
password-rule-lowercase = a lowercase letter
password-rule-digit = a number
password-rule-symbol = a symbol, such as ! or #
password-rule_met = done
password-rule_unmet = still needed
password-needs_min_length = Use at least { $count } characters.
password-needs_uppercase = Add an uppercase letter.
password-needs_lowercase = Add a lowercase letter.
password-needs_digit = Add a number.
password-needs_symbol = Add a symbol, such as ! or #.
password-show = Show password

attribute-missing = This field is required.
attribute-too_long = This is too long (at most 256 characters).
attribute-invalid_characters = This field contains characters that are not allowed.
attribute-email = Email
attribute-name = Full name
attribute-given_name = First name
attribute-family_name = Last name
attribute-middle_name = Middle name
attribute-nickname = Nickname
attribute-preferred_username = Preferred username
attribute-phone_number = Phone number
attribute-locale = Language
attribute-birthdate = Date of birth
attribute-website = Website
attribute-address = Address

error-rate_limited = Too many attempts. Wait a few minutes and try again.
error-invalid_input = Something in the form was not accepted. Check it and try again.
error-unexpected = Something went wrong on our side. Please try again in a moment.
error-unavailable = The sign-in service is unavailable right now. Please try again in a moment.
error-try_again = Try again

session-ended = Your session has ended. Please sign in again.

sign_out-done = You have signed out.
sign_out-everywhere_done = You have signed out on all your devices.

account-title = Your account
account-profile = Profile
account-sessions = Signing out
account-sign_out = Sign out
account-sign_out_everywhere = Sign out everywhere
account-sign_out_everywhere_hint = Signing out everywhere ends your sessions on every device and app, within the hour.
account-verified = verified
account-unverified = not verified

challenge-unsupported_title = Another step is needed
challenge-unsupported = Your account asks for a sign-in step this site cannot handle yet ({ $challenge }). Please contact support.
challenge-start_over = Start over

outbox-title = Development outbox
outbox-intro = The local development pool does not send email or text messages. Everything it would have sent is listed here, newest first.
outbox-empty = Nothing has been sent yet.
outbox-caption = Messages the local pool would have sent
outbox-sent_at = Sent
outbox-destination = To
outbox-purpose = Purpose
outbox-purpose_sign_up = Confirm a sign-up
outbox-purpose_forgot_password = Reset a password
outbox-purpose_mfa = Sign-in code
outbox-purpose_verify_attribute = Verify an address
outbox-purpose_invitation = Invitation
outbox-code = Code
outbox-message = Message

not_found-title = Page not found
not_found-body = There is no page at this address.
not_found-home = Go to the start page

csrf-title = Form expired
csrf-invalid = This form could not be accepted because it was opened too long ago or in another window. Go back, reload the page and try again.
csrf-back = Back to sign-in

forbidden-title = Not for this account
forbidden-body = You are signed in, but this account does not have access to this page. If you think it should, ask your administrator to add it to the right group.
forbidden-account = Go to your account
account-groups = Groups
account-groups_hint = Your administrator decides which groups you are in. A change shows here within the hour, or when you next sign in.

too_large-title = Too much data
too_large-body = The form sent more data than we accept.
unavailable-title = Unavailable
bad_request-title = Form not accepted

# Multi-factor authentication (sign-in challenges and the account's security section)

field-mfa_code = Verification code
field-new_password = New password
field-device_name = Device name (optional)

challenge-app_code_title = Enter your verification code
challenge-app_code_intro = Open your authenticator app and enter the 6-digit code it shows for this site.
challenge-sms_title = Check your phone
challenge-sms_intro = We sent a 6-digit code by text message to { $destination }. It is valid for 3 minutes.
challenge-email_title = Check your email
challenge-email_intro = We sent a 6-digit code to { $destination }. It is valid for 3 minutes.
challenge-new_password_title = Choose your password
challenge-new_password_intro = You signed in with a temporary password. Choose your own to continue.
challenge-set_password = Set password and continue
challenge-select_title = How do you want to verify?
challenge-select_intro = Choose how to get your verification code
challenge-setup_title = Set up two-step verification
challenge-setup_intro = Your account needs a second step at sign-in. Choose how to set it up
challenge-setup_sms_later = Codes by text message need a phone number on your account. Choose another method now; you can add a phone number in your account afterwards.
challenge-setup_sms_only = This site sends sign-in codes by text message, and your account has no phone number yet. Please contact the site's support to add one, then sign in again.
challenge-verify = Verify
challenge-continue = Continue
challenge-new_code = Send a new code (sign in again)
challenge-lost_app_title = Can't use your authenticator app?
challenge-lost_app_body = If you no longer have the device with the app, contact support. They can turn off two-step verification for your account, so you can sign in and set up a new device.
challenge-contact_support = Contact support

mfa-choose = Choose one of the options.
mfa-factor-totp = Authenticator app
mfa-factor-sms = Text message (SMS)
mfa-factor-email = Email
mfa-pool-off = This site does not use two-step verification.
mfa-pool-optional = Two-step verification is optional, and recommended.
mfa-pool-on = This site requires two-step verification.
mfa-state_preferred = on, preferred
mfa-state_on = on
mfa-state_off = off
mfa-sms_needs_phone = Add a phone number to your profile to use text messages.
mfa-set_up_app = Set up an authenticator app
mfa-enable-sms = Turn on text messages
mfa-enable-email = Turn on email codes
mfa-enable-totp = Set up an authenticator app
mfa-disable-totp = Turn off the authenticator app
mfa-disable-sms = Turn off text messages
mfa-disable-email = Turn off email codes
mfa-make_preferred = Make preferred
mfa-totp_on = Your authenticator app is set up. You will be asked for a code when you sign in.
mfa-totp_off = The authenticator app is turned off.
mfa-sms_on = Text message codes are turned on.
mfa-sms_off = Text message codes are turned off.
mfa-email_on = Email codes are turned on.
mfa-email_off = Email codes are turned off.
mfa-preferred_set = Your preferred verification method is saved.
mfa-refused = That change was not accepted. Check that the method is set up.
mfa-not_allowed = This site does not offer that verification method.

account-security = Two-step verification

totp-title = Set up an authenticator app
totp-intro = Add { $account } to an authenticator app, such as 1Password, Google Authenticator or Microsoft Authenticator.
totp-qr_alt = QR code to add this account to an authenticator app
totp-step_scan = Scan the QR code with your authenticator app, or enter the key below.
totp-step_code = Enter the 6-digit code the app shows.
totp-cannot_scan = Can't scan? Enter this key in the app:
totp-open_in_app = Open in an authenticator app on this device
totp-verify = Verify and turn on
totp-cancel = Cancel and go back to your account

# Password recovery, profile, email and phone, password change, sessions
# and account deletion (issue 5).
field-new_email = New email address
field-new_phone = New phone number
field-current_password = Current password
field-reset_code = Reset code
field-verification_code = Verification code
field-delete_confirm = Type { $word } to confirm

sign_in-forgot_password = Forgot your password?

forgot_password-title = Reset your password
forgot_password-intro = Enter the email address you signed up with. We will send you a code to set a new password.
forgot_password-intro_username = Enter your username. We will send a code to the email address on the account.
forgot_password-submit = Send code
forgot_password-back_to_sign_in = Back to sign-in

reset_password-title = Choose a new password
reset_password-intro = If { $destination } belongs to an account, we sent a reset code there. It is valid for one hour. Enter it and choose a new password.
reset_password-intro_account = If the account exists, we sent a reset code to its email address. It is valid for one hour. Enter it and choose a new password.
reset_password-submit = Set new password
reset_password-start_over = Use a different email address
reset_password-required = Your password must be reset before you can sign in. We sent a reset code to { $destination }.
reset_password-required_account = Your password must be reset before you can sign in. We sent a reset code to the email address on the account.
reset_password-code_resent = If the account exists, we sent a new reset code.
reset_password-no_flow = Start by asking for a reset code.
reset_password-done = Your password is changed. Sign in with your new password.

phone-invalid = Enter a phone number with its country code, like +44 20 7946 0958.

profile-title = Edit your profile
profile-intro = Leave a field empty to remove it from your account.
profile-submit = Save profile
profile-saved = Your profile is saved.
profile-unchanged = Nothing changed in your profile.
profile-not_saved = Your profile could not be saved. Check the fields and try again.
profile-locale_invalid = Enter a language code like en, fr or pt-BR.
profile-locale_hint = The language for messages about your account.
profile-locale_none = Not set

contact-email_title = Change your email address
contact-phone_title = Change your phone number
contact-current_email = Your email address is { $value }.
contact-current_phone = Your phone number is { $value }.
contact-email_hint = We will send a code to the new address to check it is yours.
contact-phone_hint = Include the country code, like +44 20 7946 0958. We will text a code to the new number. Leave empty to remove your number.
contact-submit = Send code
contact-unchanged = That is already your address; nothing changed.
contact-phone_removed = Your phone number is removed.
contact-code_not_sent = Your change is saved, but we could not send a code. Verify it from your account page later.

verify-email_title = Verify your email address
verify-phone_title = Verify your phone number
verify-intro = Enter the 6-digit code we sent to { $value }.
verify-intro_pending = Enter the 6-digit code we sent to { $value }. Until you do, { $old } stays on your account and still signs in.
verify-submit = Verify
verify-code_resent = We sent you a new code.
verify-email_done = Your email address is verified.
verify-phone_done = Your phone number is verified.

change_password-title = Change your password
change_password-submit = Change password
change_password-wrong_current = That is not your current password.
change_password-done = Your password is changed.

sign_out_everywhere-title = Sign out everywhere?
sign_out_everywhere-intro = This signs you out on every device and app where you are signed in, including this one. You will need to sign in again.
sign_out_everywhere-submit = Sign out everywhere

delete_account-title = Delete your account
delete_account-intro = This deletes your account and everything in it for good. It cannot be undone.
delete_account-submit = Delete my account
delete_account-word = DELETE
delete_account-word_mismatch = Type the word exactly as shown, in capital letters, to confirm.

goodbye-title = Goodbye
goodbye-body = Your account is deleted and you are signed out. Thank you for the time you spent with us.
goodbye-sign_up = Create a new account

account-back = Back to your account
account-cancel = Cancel, keep me signed in
account-edit_profile = Edit profile
account-change_email = Change email address
account-change_phone = Change phone number
account-change_password = Change password
account-delete_heading = Delete account
account-delete = Delete your account…
account-enter_code = Enter the code
account-verify_now = Send a code to verify it
account-unverified_email = Your email address { $value } is not verified yet.
account-unverified_phone = Your phone number { $value } is not verified yet.
account-pending_email = Your new email address { $value } is waiting for its code.
account-pending_email_kept = Your new email address { $value } is waiting for its code. Until then, { $old } stays on your account and still signs in.
account-pending_phone = Your new phone number { $value } is waiting for its code.
account-pending_phone_kept = Your new phone number { $value } is waiting for its code. Until then, { $old } stays on your account.

confirm_identity-title = Confirm it's you
confirm_identity-intro = For your security, enter your password again before this change.
confirm_identity-required = Enter your password again to continue.
confirm_identity-wrong_password = That password is not right.
confirm_identity-submit = Continue

rate_limited-title = Too many attempts
rate_limited-body = { $minutes ->
    [one] There were too many attempts. Try again in a minute.
   *[other] There were too many attempts. Try again in { $minutes } minutes.
}

# choice-based sign-in and passkeys
sign_in-continue = Continue
challenge-first_factor_title = How do you want to sign in?
challenge-first_factor_intro = Signing in as { $name }.
challenge-or = or
challenge-send_email_code = Email me a sign-in code
challenge-send_sms_code = Text me a sign-in code
challenge-use_passkey = Sign in with a passkey
challenge-passkey_title = Use your passkey
challenge-passkey_intro = Your browser will ask you to confirm with the passkey saved on this device, your phone or your password manager.
challenge-other_ways = Other ways to sign in
challenge-not_you = Not you? Start over
passkey-failed = No passkey was used. Try again, or choose another way to sign in.
passkey-refused = That passkey does not sign in to this account. Choose another way to sign in.
passkey-needs_script = Passkeys need a browser with JavaScript and passkey support. The other ways to sign in work without them.
passkey-not_available = Passkeys are not available on this site right now.
passkey-expired = Creating the passkey took too long. Start again.
passkey-not_supported = This passkey could not be added. Try another device or password manager.
passkey-added = Your passkey was added. Next time you can sign in with it.
passkey-deleted = The passkey was deleted. It no longer signs in to your account.
passkeys-title = Passkeys
passkeys-intro = A passkey signs you in with your fingerprint, face, screen lock or security key, with no password to type or steal.
passkeys-none = You have no passkeys yet.
passkeys-unnamed = Passkey
passkeys-created = Added
passkeys-delete = Delete
passkeys-add = Add a passkey
passkeys-create_intro = Your browser will ask where to save the new passkey: this device, your phone or your password manager.
passkeys-create = Create the passkey
passkeys-cancel = Cancel
passkeys-back = Back to your account
account-passkeys = Manage passkeys
# remembered devices
devices-remember = Remember this browser
devices-remember_hint = You will not be asked for a code when you sign in here again. Only tick this on a device you alone use.
devices-remembered = This browser is remembered: next time you sign in here, no code is needed.
devices-heading = Remembered browsers
devices-intro = These browsers sign in without a second step. Forget any you no longer use.
devices-none = No browser is remembered.
devices-unnamed = Unnamed browser
devices-last_used = Last used { $when }
devices-this_browser = This browser
devices-forget = Forget
devices-forgotten = The browser is forgotten. It will be asked for a code at its next sign-in.
devices-not_found = That browser is not remembered any more.

# sign-up without a password; confirming identity with choice-based sign-in
sign_up-password_optional = No password? Leave it empty: you will sign in with a code we email you, and can add a passkey later.
sign_up-password_needed = This site needs a password for every account.
confirm_identity-intro_choice = For your security, sign in again before this change.
