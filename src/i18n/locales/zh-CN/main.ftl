# Threshold 的简体中文消息。消息 id 保持稳定：代码、测试和其他语言都会引用它们。
# 在代码中各部分用点分隔（`sign_in.title`），在此文件中写作短横线
# （`sign_in-title`）。

layout-skip = 跳到表单

footer-links = 网站链接
footer-terms = 服务条款
footer-privacy = 隐私政策
footer-support = 帮助与支持
language-label = 语言
language-submit = 切换语言

error_summary-title = 出现问题

field-email = 邮箱
field-username = 用户名
field-password = 密码
field-confirmation_code = 验证码

sign_in-title = 登录
sign_in-submit = 登录
sign_in-no_account = 初次使用？
sign_in-create_account = 创建账号
sign_in-incorrect_credentials = 邮箱或密码不正确。
sign_in-temporary_password_spent = 此临时密码已被使用或已过期。请联系邀请您的人重新发送邀请。
sign_in-locked_out = 密码错误次数过多，登录已暂停几分钟。请稍候再试，或重置密码。
sign_in-expired = 登录耗时过长，已失效。请重新登录。

sign_up-title = 创建您的账号
sign_up-submit = 创建账号
sign_up-have_account = 已有账号？
sign_up-sign_in = 登录
sign_up-consent = 我接受服务条款
sign_up-consent_link = 阅读服务条款
sign_up-consent_missing = 请接受服务条款以创建账号。

confirm-title = 请查收邮件
confirm-intro = 请输入我们发送至 { $destination } 的 6 位验证码。验证码 24 小时内有效。
confirm-submit = 确认
confirm-resend = 重新发送验证码
confirm-wrong_address = 邮箱地址有误？请使用正确的地址重新开始
confirm-dev_outbox_intro = 当前运行在本地开发用户池上：不会发送任何邮件。
confirm-dev_outbox_link = 打开开发发件箱
confirm-confirmed = 您的账号已确认。请登录以继续。
confirm-signed_in = 您的账号已确认，您已登录。
confirm-code_resent = 我们已向您发送新的验证码。
confirm-no_flow = 请先创建账号。
confirm-not_confirmed = 您的账号尚未确认。我们已向您发送新的验证码。

code-missing = 请输入验证码。
code-format = 验证码为 6 位数字。
code-mismatch = 验证码不正确。请检查后重试。
code-expired = 验证码已过期。请重新获取。
code-too_many_attempts = 验证码错误次数过多。请等待几分钟，然后重新获取验证码。

email-missing = 请输入邮箱地址。
email-invalid = 请输入有效的邮箱地址，例如 name@example.com。
username-missing = 请输入用户名。
username-invalid = 用户名不能包含空格或 @。
password-missing = 请输入密码。
password-too_long = 密码最多 256 个字符。
password-rejected = 该密码未被接受。请另选一个符合要求的密码。
password-rules_title = 密码要求
password-rule-min_length = 至少 { $count } 个字符
password-rule-uppercase = 包含大写字母
password-rule-lowercase = 包含小写字母
password-rule-digit = 包含数字
password-rule-symbol = 包含符号，例如 ! 或 #
password-rule_met = 已满足
password-rule_unmet = 未满足
password-needs_min_length = 请至少使用 { $count } 个字符。
password-needs_uppercase = 请添加大写字母。
password-needs_lowercase = 请添加小写字母。
password-needs_digit = 请添加数字。
password-needs_symbol = 请添加符号，例如 ! 或 #。
password-show = 显示密码

attribute-missing = 此项为必填项。
attribute-too_long = 内容过长（最多 256 个字符）。
attribute-invalid_characters = 此项包含不允许使用的字符。
attribute-email = 邮箱
attribute-name = 姓名
attribute-given_name = 名
attribute-family_name = 姓
attribute-middle_name = 中间名
attribute-nickname = 昵称
attribute-preferred_username = 首选用户名
attribute-phone_number = 手机号码
attribute-locale = 语言
attribute-birthdate = 出生日期
attribute-website = 网站
attribute-address = 地址

error-rate_limited = 尝试次数过多。请等待几分钟后重试。
error-invalid_input = 表单中有内容未被接受。请检查后重试。
error-unexpected = 我们这边出了点问题。请稍后重试。
error-unavailable = 登录服务暂时不可用。请稍后重试。
error-try_again = 重试

session-ended = 您的会话已结束。请重新登录。

sign_out-done = 您已退出登录。
sign_out-everywhere_done = 您已在所有设备上退出登录。

account-title = 您的账号
account-profile = 个人资料
account-sessions = 退出登录
account-sign_out = 退出登录
account-sign_out_everywhere = 在所有设备上退出登录
account-sign_out_everywhere_hint = 在所有设备上退出登录后，您在所有设备和应用上的会话将在一小时内结束。
account-verified = 已验证
account-unverified = 未验证

challenge-unsupported_title = 还需要一个步骤
challenge-unsupported = 您的账号要求一个本网站暂不支持的登录步骤（{ $challenge }）。请联系客服。
challenge-start_over = 重新开始

outbox-title = 开发发件箱
outbox-intro = 本地开发用户池不会发送邮件或短信。所有本应发送的内容都列在这里，最新的排在最前面。
outbox-empty = 尚未发送任何内容。
outbox-caption = 本地用户池本应发送的消息
outbox-sent_at = 发送时间
outbox-destination = 收件人
outbox-purpose = 用途
outbox-purpose_sign_up = 确认注册
outbox-purpose_forgot_password = 重置密码
outbox-purpose_mfa = 登录验证码
outbox-purpose_verify_attribute = 验证地址
outbox-purpose_invitation = 邀请
outbox-code = 验证码
outbox-message = 消息

not_found-title = 找不到页面
not_found-body = 此地址没有对应的页面。
not_found-home = 前往首页

csrf-title = 表单已过期
csrf-invalid = 无法接受此表单，因为它打开的时间过长，或是在另一个窗口中打开的。请返回并刷新页面，然后重试。
csrf-back = 返回登录

forbidden-title = 此账号无权访问
forbidden-body = 您已登录，但此账号无权访问此页面。如果您认为应当有权访问，请联系管理员将此账号添加到相应的用户组。
forbidden-account = 前往您的账号
account-groups = 用户组
account-groups_hint = 您所在的用户组由管理员决定。如有变更，将在一小时内或您下次登录时显示在这里。

too_large-title = 数据过多
too_large-body = 表单发送的数据超出了允许的上限。
unavailable-title = 暂不可用
bad_request-title = 表单未被接受

# 多重身份验证（登录时的验证步骤及账号的安全设置部分）

field-mfa_code = 验证码
field-new_password = 新密码
field-device_name = 设备名称（可选）

challenge-app_code_title = 输入验证码
challenge-app_code_intro = 请打开您的身份验证器应用，输入其中为本网站显示的 6 位验证码。
challenge-sms_title = 请查看手机短信
challenge-sms_intro = 我们已通过短信向 { $destination } 发送了 6 位验证码。验证码 3 分钟内有效。
challenge-email_title = 请查收邮件
challenge-email_intro = 我们已向 { $destination } 发送了 6 位验证码。验证码 3 分钟内有效。
challenge-new_password_title = 设置您的密码
challenge-new_password_intro = 您使用的是临时密码。请设置您自己的密码以继续。
challenge-set_password = 设置密码并继续
challenge-select_title = 您想通过哪种方式验证？
challenge-select_intro = 请选择获取验证码的方式
challenge-setup_title = 设置两步验证
challenge-setup_intro = 您的账号在登录时需要进行第二步验证。请选择设置方式
challenge-setup_sms_later = 通过短信接收验证码需要您的账号中有手机号码。请先选择其他方式，之后可以在账号中添加手机号码。
challenge-setup_sms_only = 本网站通过短信发送登录验证码，但您的账号中还没有手机号码。请联系本网站客服添加号码，然后重新登录。
challenge-verify = 验证
challenge-continue = 继续
challenge-new_code = 重新发送验证码（需重新登录）
challenge-lost_app_title = 无法使用身份验证器应用？
challenge-lost_app_body = 如果您已不再持有安装该应用的设备，请联系客服。客服可以为您的账号关闭两步验证，以便您登录并设置新设备。
challenge-contact_support = 联系客服

mfa-choose = 请选择其中一个选项。
mfa-factor-totp = 身份验证器应用
mfa-factor-sms = 短信
mfa-factor-email = 电子邮件
mfa-pool-off = 本网站未使用两步验证。
mfa-pool-optional = 两步验证为可选项，建议开启。
mfa-pool-on = 本网站要求使用两步验证。
mfa-state_preferred = 已开启，首选
mfa-state_on = 已开启
mfa-state_off = 已关闭
mfa-sms_needs_phone = 请在个人资料中添加手机号码，以使用短信验证码。
mfa-set_up_app = 设置身份验证器应用
mfa-enable-sms = 开启短信验证码
mfa-enable-email = 开启邮件验证码
mfa-enable-totp = 设置身份验证器应用
mfa-disable-totp = 关闭身份验证器应用
mfa-disable-sms = 关闭短信验证码
mfa-disable-email = 关闭邮件验证码
mfa-make_preferred = 设为首选
mfa-totp_on = 您的身份验证器应用已设置完成。登录时将要求您输入验证码。
mfa-totp_off = 身份验证器应用已关闭。
mfa-sms_on = 短信验证码已开启。
mfa-sms_off = 短信验证码已关闭。
mfa-email_on = 邮件验证码已开启。
mfa-email_off = 邮件验证码已关闭。
mfa-preferred_set = 您的首选验证方式已保存。
mfa-refused = 该更改未被接受。请检查此验证方式是否已设置。
mfa-not_allowed = 本网站不提供该验证方式。

account-security = 两步验证

totp-title = 设置身份验证器应用
totp-intro = 将 { $account } 添加到身份验证器应用，例如 1Password、Google Authenticator 或 Microsoft Authenticator。
totp-qr_alt = 用于将此账号添加到身份验证器应用的二维码
totp-step_scan = 使用身份验证器应用扫描二维码，或输入下方的密钥。
totp-step_code = 输入应用中显示的 6 位验证码。
totp-cannot_scan = 无法扫描？请在应用中输入此密钥：
totp-open_in_app = 在本设备上的身份验证器应用中打开
totp-verify = 验证并开启
totp-cancel = 取消并返回账号

# 找回密码、个人资料、邮箱和手机号码、修改密码、会话及删除账号
# （issue 5）。
field-new_email = 新邮箱地址
field-new_phone = 新手机号码
field-current_password = 当前密码
field-reset_code = 重置验证码
field-verification_code = 验证码
field-delete_confirm = 输入 { $word } 以确认

sign_in-forgot_password = 忘记密码？

forgot_password-title = 重置密码
forgot_password-intro = 请输入您注册时使用的邮箱地址。我们将向您发送验证码，用于设置新密码。
forgot_password-intro_username = 请输入您的用户名。我们将向该账号的邮箱地址发送验证码。
forgot_password-submit = 发送验证码
forgot_password-back_to_sign_in = 返回登录

reset_password-title = 设置新密码
reset_password-intro = 如果 { $destination } 对应某个账号，我们已向该地址发送了重置验证码。验证码 1 小时内有效。请输入该验证码并设置新密码。
reset_password-intro_account = 如果该账号存在，我们已向其邮箱地址发送了重置验证码。验证码 1 小时内有效。请输入该验证码并设置新密码。
reset_password-submit = 设置新密码
reset_password-start_over = 使用其他邮箱地址
reset_password-required = 您需要先重置密码才能登录。我们已向 { $destination } 发送了重置验证码。
reset_password-required_account = 您需要先重置密码才能登录。我们已向该账号的邮箱地址发送了重置验证码。
reset_password-code_resent = 如果该账号存在，我们已发送新的重置验证码。
reset_password-no_flow = 请先获取重置验证码。
reset_password-done = 您的密码已重置。请使用新密码登录。

phone-invalid = 请输入带国家/地区代码的手机号码，例如 +44 20 7946 0958。

profile-title = 编辑个人资料
profile-intro = 将某项留空即可将其从您的账号中删除。
profile-submit = 保存个人资料
profile-saved = 您的个人资料已保存。
profile-unchanged = 您的个人资料没有任何更改。
profile-not_saved = 无法保存您的个人资料。请检查各项内容后重试。
profile-locale_invalid = 请输入语言代码，例如 en、fr 或 pt-BR。
profile-locale_hint = 与您账号相关的消息所使用的语言。
profile-locale_none = 未设置

contact-email_title = 更改邮箱地址
contact-phone_title = 更改手机号码
contact-current_email = 您的邮箱地址是 { $value }。
contact-current_phone = 您的手机号码是 { $value }。
contact-email_hint = 我们将向新地址发送验证码，以确认该地址属于您。
contact-phone_hint = 请包含国家/地区代码，例如 +44 20 7946 0958。我们将通过短信向新号码发送验证码。留空则删除您的号码。
contact-submit = 发送验证码
contact-unchanged = 与您当前的信息相同，未做任何更改。
contact-phone_removed = 您的手机号码已删除。
contact-code_not_sent = 您的更改已保存，但我们无法发送验证码。请稍后在账号页面中完成验证。

verify-email_title = 验证邮箱地址
verify-phone_title = 验证手机号码
verify-intro = 请输入我们发送至 { $value } 的 6 位验证码。
verify-intro_pending = 请输入我们发送至 { $value } 的 6 位验证码。在您完成验证之前，{ $old } 仍保留在您的账号中，并且仍可用于登录。
verify-submit = 验证
verify-code_resent = 我们已向您发送新的验证码。
verify-email_done = 您的邮箱地址已验证。
verify-phone_done = 您的手机号码已验证。

change_password-title = 修改密码
change_password-submit = 修改密码
change_password-wrong_current = 当前密码不正确。
change_password-done = 您的密码已修改。

sign_out_everywhere-title = 在所有设备上退出登录？
sign_out_everywhere-intro = 此操作将使您在所有已登录的设备和应用上退出登录，包括当前设备。之后您需要重新登录。
sign_out_everywhere-submit = 在所有设备上退出登录

delete_account-title = 删除您的账号
delete_account-intro = 此操作将永久删除您的账号及其中的所有内容，且无法撤销。
delete_account-submit = 删除我的账号
delete_account-word = 删除
delete_account-word_mismatch = 请按所示内容准确输入该词以确认。

goodbye-title = 再见
goodbye-body = 您的账号已删除，您也已退出登录。感谢您一直以来的陪伴。
goodbye-sign_up = 创建新账号

account-back = 返回您的账号
account-cancel = 取消，保持登录
account-edit_profile = 编辑个人资料
account-change_email = 更改邮箱地址
account-change_phone = 更改手机号码
account-change_password = 修改密码
account-delete_heading = 删除账号
account-delete = 删除您的账号…
account-enter_code = 输入验证码
account-verify_now = 发送验证码进行验证
account-unverified_email = 您的邮箱地址 { $value } 尚未验证。
account-unverified_phone = 您的手机号码 { $value } 尚未验证。
account-pending_email = 您的新邮箱地址 { $value } 正在等待输入验证码。
account-pending_email_kept = 您的新邮箱地址 { $value } 正在等待输入验证码。在此之前，{ $old } 仍保留在您的账号中，并且仍可用于登录。
account-pending_phone = 您的新手机号码 { $value } 正在等待输入验证码。
account-pending_phone_kept = 您的新手机号码 { $value } 正在等待输入验证码。在此之前，{ $old } 仍保留在您的账号中。

confirm_identity-title = 确认是您本人
confirm_identity-intro = 为了您的账号安全，进行此更改前请再次输入密码。
confirm_identity-required = 请再次输入密码以继续。
confirm_identity-wrong_password = 密码不正确。
confirm_identity-submit = 继续

rate_limited-title = 尝试次数过多
rate_limited-body = 尝试次数过多。请在 { $minutes } 分钟后重试。

# choice-based sign-in and passkeys
sign_in-continue = 继续
challenge-first_factor_title = 您想如何登录？
challenge-first_factor_intro = 正在以 { $name } 登录。
challenge-or = 或
challenge-send_email_code = 通过电子邮件发送登录码
challenge-send_sms_code = 通过短信发送登录码
challenge-use_passkey = 使用通行密钥登录
challenge-passkey_title = 使用您的通行密钥
challenge-passkey_intro = 浏览器会请您使用保存在此设备、手机或密码管理器中的通行密钥进行确认。
challenge-other_ways = 其他登录方式
challenge-not_you = 不是您？重新开始
passkey-failed = 未使用通行密钥。请重试，或选择其他方式。
passkey-refused = 该通行密钥无法登录此帐户。请选择其他登录方式。
passkey-needs_script = 通行密钥需要支持 JavaScript 和通行密钥的浏览器。其他登录方式不需要。
passkey-not_available = 此网站目前无法使用通行密钥。
passkey-expired = 创建通行密钥耗时过长。请重新开始。
passkey-not_supported = 无法添加此通行密钥。请尝试其他设备或密码管理器。
passkey-added = 已添加您的通行密钥。下次可以用它登录。
passkey-deleted = 已删除该通行密钥，它不能再登录您的帐户。
passkeys-title = 通行密钥
passkeys-intro = 通行密钥让您用指纹、面容、屏幕锁或安全密钥登录，无需输入密码，也没有密码可被盗。
passkeys-none = 您还没有通行密钥。
passkeys-unnamed = 通行密钥
passkeys-created = 添加于
passkeys-delete = 删除
passkeys-add = 添加通行密钥
passkeys-create_intro = 浏览器会询问将新通行密钥保存在哪里：此设备、手机或密码管理器。
passkeys-create = 创建通行密钥
passkeys-cancel = 取消
passkeys-back = 返回您的帐户
account-passkeys = 管理通行密钥
# remembered devices
devices-remember = 记住此浏览器
devices-remember_hint = 以后在此处登录时将不再要求输入验证码。请仅在只有您使用的设备上勾选。
devices-remembered = 已记住此浏览器：下次在此登录时无需验证码。
devices-heading = 已记住的浏览器
devices-intro = 这些浏览器登录时无需第二步验证。请移除您不再使用的浏览器。
devices-none = 没有已记住的浏览器。
devices-unnamed = 未命名的浏览器
devices-last_used = 上次使用：{ $when }
devices-this_browser = 此浏览器
devices-forget = 移除
devices-forgotten = 已移除该浏览器。它下次登录时将要求输入验证码。
devices-not_found = 该浏览器已不再被记住。

# sign-up without a password; confirming identity with choice-based sign-in
sign_up-password_optional = 不想设置密码？留空即可：您将使用我们通过电子邮件发送的代码登录，之后还可以添加通行密钥。
sign_up-password_needed = 此网站要求每个帐户都设置密码。
confirm_identity-intro_choice = 为了您的安全，请在进行此更改前重新登录。
