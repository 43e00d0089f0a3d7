# Threshold's English messages. Ids are stable: code, tests and other
# languages refer to them. In code a dot separates the parts
# (`sign_in.title`); here it is written as a dash (`sign_in-title`).

brand-name = Threshold
layout-skip = Skip to the form
layout-footer = Protected sign-in. We never show whether an address has an account.

field-email = Email
field-username = Username
field-password = Password
field-confirmation_code = Confirmation code

sign_in-title = Sign in
sign_in-submit = Sign in
sign_in-no_account = New here?
sign_in-create_account = Create an account
sign_in-incorrect_credentials = Incorrect email or password.
sign_in-not_confirmed = Your account is not confirmed yet. Enter the code we just sent.
sign_in-reset_required = Your password must be reset before you can sign in.
sign_in-expired = Your sign-in took too long and has expired. Please sign in again.

sign_up-title = Create your account
sign_up-submit = Create account
sign_up-have_account = Already have an account?
sign_up-sign_in = Sign in
sign_up-code_sent = We sent a confirmation code to { $destination }.

confirm-title = Check your email
confirm-intro = Enter the 6-digit code we sent to { $destination }. It is valid for 24 hours.
confirm-submit = Confirm
confirm-resend = Send a new code
confirm-dev_outbox_intro = Running on the local development pool: no email is sent.
confirm-dev_outbox_link = Open the development outbox
confirm-confirmed = Your account is confirmed. Sign in to continue.
confirm-code_resent = We sent a new code to { $destination }.
confirm-no_flow = Start by creating an account.
confirm-not_confirmed = Your account is not confirmed yet. We sent a new code to { $destination }.

code-missing = Enter the code.
code-format = The code is 6 digits.
code-mismatch = That code is not right. Check it and try again.
code-expired = That code has expired. Ask for a new one.
code-expired_resent = That code has expired. We sent you a new one.
code-too_many_attempts = Too many wrong codes. Wait a few minutes, then ask for a new code.

email-missing = Enter your email address.
email-invalid = Enter an email address like name@example.com.
username-missing = Enter your username.
username-invalid = Enter a username without spaces or @.
password-missing = Enter your password.
password-too_long = Passwords can be at most 256 characters.
password-policy_unmet = Your password does not meet the requirements listed below.
password-rejected = The password was not accepted. Choose another one that meets the requirements.
password-rules_title = Password requirements
password-rule-min_length = at least { $count } characters
password-rule-uppercase = an uppercase letter
password-rule-lowercase = a lowercase letter
password-rule-digit = a number
password-rule-symbol = a symbol, such as ! or #

attribute-missing = This field is required.
attribute-too_long = This is too long (at most 256 characters).
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
outbox-code = Code
outbox-message = Message

not_found-title = Page not found
not_found-body = There is no page at this address.
not_found-home = Go to the start page

csrf-title = Form expired
csrf-invalid = This form could not be accepted because it was opened too long ago or in another window. Go back, reload the page and try again.
csrf-back = Back to sign-in

too_large-title = Too much data
too_large-body = The form sent more data than we accept.
unavailable-title = Unavailable
