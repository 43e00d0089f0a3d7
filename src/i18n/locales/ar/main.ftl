# رسائل Threshold باللغة العربية. المعرّفات ثابتة: تشير إليها الشيفرة والاختبارات
# واللغات الأخرى. في الشيفرة تفصل نقطة بين الأجزاء
# (`sign_in.title`)، وهنا تُكتب شَرطةً (`sign_in-title`).

layout-skip = الانتقال إلى النموذج

footer-links = روابط الموقع
footer-terms = شروط الخدمة
footer-privacy = سياسة الخصوصية
footer-support = المساعدة والدعم
language-label = اللغة
language-submit = تغيير اللغة

error_summary-title = توجد مشكلة

field-email = البريد الإلكتروني
field-username = اسم المستخدم
field-password = كلمة المرور
field-confirmation_code = رمز التأكيد

sign_in-title = تسجيل الدخول
sign_in-submit = تسجيل الدخول
sign_in-no_account = ليس لديك حساب؟
sign_in-create_account = إنشاء حساب
sign_in-incorrect_credentials = البريد الإلكتروني أو كلمة المرور غير صحيحة.
sign_in-temporary_password_spent = كلمة المرور المؤقتة هذه استُخدمت من قبل أو انتهت صلاحيتها. اطلب من الشخص الذي دعاك أن يرسل إليك دعوة جديدة.
sign_in-locked_out = أُدخلت كلمة مرور خاطئة مرات كثيرة جدًا. أُوقف تسجيل الدخول مؤقتًا لبضع دقائق؛ انتظر قليلًا، أو أعد تعيين كلمة المرور.
sign_in-expired = استغرق تسجيل الدخول وقتًا طويلًا وانتهت صلاحيته. يُرجى تسجيل الدخول مرة أخرى.

sign_up-title = إنشاء حسابك
sign_up-submit = إنشاء حساب
sign_up-have_account = لديك حساب بالفعل؟
sign_up-sign_in = تسجيل الدخول
sign_up-consent = أوافق على شروط الخدمة
sign_up-consent_link = قراءة شروط الخدمة
sign_up-consent_missing = وافق على شروط الخدمة لإنشاء حساب.

confirm-title = راجع بريدك الإلكتروني
confirm-intro = أدخل الرمز المكوّن من 6 أرقام الذي أرسلناه إلى { $destination }. الرمز صالح لمدة 24 ساعة.
confirm-submit = تأكيد
confirm-resend = إرسال رمز جديد
confirm-wrong_address = عنوان البريد الإلكتروني غير صحيح؟ ابدأ من جديد بالعنوان الصحيح
confirm-dev_outbox_intro = يعمل التطبيق على مجمّع المستخدمين المحلي المخصّص للتطوير: لا تُرسَل أي رسائل بريد إلكتروني.
confirm-dev_outbox_link = فتح صندوق الصادر الخاص بالتطوير
confirm-confirmed = تم تأكيد حسابك. سجّل الدخول للمتابعة.
confirm-signed_in = تم تأكيد حسابك، وقد سجّلت الدخول.
confirm-code_resent = أرسلنا إليك رمزًا جديدًا.
confirm-no_flow = ابدأ بإنشاء حساب.
confirm-not_confirmed = لم يتم تأكيد حسابك بعد. أرسلنا إليك رمزًا جديدًا.

code-missing = أدخل الرمز.
code-format = يتكوّن الرمز من 6 أرقام.
code-mismatch = هذا الرمز غير صحيح. راجعه وحاول مرة أخرى.
code-expired = انتهت صلاحية هذا الرمز. اطلب رمزًا جديدًا.
code-too_many_attempts = أُدخلت رموز خاطئة مرات كثيرة جدًا. انتظر بضع دقائق، ثم اطلب رمزًا جديدًا.

email-missing = أدخل عنوان بريدك الإلكتروني.
email-invalid = أدخل عنوان بريد إلكتروني مثل name@example.com.
username-missing = أدخل اسم المستخدم.
username-invalid = أدخل اسم مستخدم بدون مسافات أو علامة @.
password-missing = أدخل كلمة المرور.
password-too_long = يجب ألا تتجاوز كلمة المرور 256 حرفًا.
password-rejected = لم تُقبَل كلمة المرور. اختر كلمة مرور أخرى تستوفي المتطلبات.
password-rules_title = متطلبات كلمة المرور
password-rule-min_length = { $count ->
    [zero] { $count } حرف على الأقل
    [one] حرف واحد على الأقل
    [two] حرفان على الأقل
    [few] { $count } أحرف على الأقل
    [many] { $count } حرفًا على الأقل
   *[other] { $count } حرف على الأقل
}
password-rule-uppercase = حرف لاتيني كبير (A–Z)
password-rule-lowercase = حرف لاتيني صغير (a–z)
password-rule-digit = رقم
password-rule-symbol = علامة خاصة، مثل ! أو #
password-rule_met = تم
password-rule_unmet = ما زال مطلوبًا
password-needs_min_length = { $count ->
    [zero] استخدم { $count } حرف على الأقل.
    [one] استخدم حرفًا واحدًا على الأقل.
    [two] استخدم حرفين على الأقل.
    [few] استخدم { $count } أحرف على الأقل.
    [many] استخدم { $count } حرفًا على الأقل.
   *[other] استخدم { $count } حرف على الأقل.
}
password-needs_uppercase = أضف حرفًا لاتينيًا كبيرًا (A–Z).
password-needs_lowercase = أضف حرفًا لاتينيًا صغيرًا (a–z).
password-needs_digit = أضف رقمًا.
password-needs_symbol = أضف علامة خاصة، مثل ! أو #.
password-show = إظهار كلمة المرور

attribute-missing = هذا الحقل مطلوب.
attribute-too_long = النص طويل جدًا (256 حرفًا كحدٍّ أقصى).
attribute-invalid_characters = يحتوي هذا الحقل على أحرف غير مسموح بها.
attribute-email = البريد الإلكتروني
attribute-name = الاسم الكامل
attribute-given_name = الاسم الأول
attribute-family_name = اسم العائلة
attribute-middle_name = الاسم الأوسط
attribute-nickname = اللقب
attribute-preferred_username = اسم المستخدم المفضّل
attribute-phone_number = رقم الهاتف
attribute-locale = اللغة
attribute-birthdate = تاريخ الميلاد
attribute-website = الموقع الإلكتروني
attribute-address = العنوان

error-rate_limited = محاولات كثيرة جدًا. انتظر بضع دقائق، ثم حاول مرة أخرى.
error-invalid_input = لم يُقبَل جزء من النموذج. راجعه وحاول مرة أخرى.
error-unexpected = حدث خطأ من جانبنا. يُرجى المحاولة مرة أخرى بعد قليل.
error-unavailable = خدمة تسجيل الدخول غير متاحة حاليًا. يُرجى المحاولة مرة أخرى بعد قليل.
error-try_again = إعادة المحاولة

session-ended = انتهت جلستك. يُرجى تسجيل الدخول مرة أخرى.

sign_out-done = تم تسجيل خروجك.
sign_out-everywhere_done = تم تسجيل خروجك من جميع أجهزتك.

account-title = حسابك
account-profile = الملف الشخصي
account-sessions = تسجيل الخروج
account-sign_out = تسجيل الخروج
account-sign_out_everywhere = تسجيل الخروج من جميع الأجهزة
account-sign_out_everywhere_hint = يؤدي تسجيل الخروج من جميع الأجهزة إلى إنهاء جلساتك على كل جهاز وتطبيق في غضون ساعة.
account-verified = تم التحقق
account-unverified = لم يتم التحقق

challenge-unsupported_title = يلزم إجراء خطوة أخرى
challenge-unsupported = يطلب حسابك خطوة تسجيل دخول لا يستطيع هذا الموقع التعامل معها بعد ({ $challenge }). يُرجى التواصل مع فريق الدعم.
challenge-start_over = البدء من جديد

outbox-title = صندوق الصادر الخاص بالتطوير
outbox-intro = لا يرسل مجمّع المستخدمين المحلي المخصّص للتطوير رسائل بريد إلكتروني ولا رسائل نصية. يظهر هنا كل ما كان سيرسله، من الأحدث إلى الأقدم.
outbox-empty = لم يُرسَل أي شيء بعد.
outbox-caption = الرسائل التي كان المجمّع المحلي سيرسلها
outbox-sent_at = وقت الإرسال
outbox-destination = إلى
outbox-purpose = الغرض
outbox-purpose_sign_up = تأكيد التسجيل
outbox-purpose_forgot_password = إعادة تعيين كلمة المرور
outbox-purpose_mfa = رمز تسجيل الدخول
outbox-purpose_verify_attribute = التحقق من العنوان
outbox-purpose_invitation = دعوة
outbox-code = الرمز
outbox-message = الرسالة

not_found-title = الصفحة غير موجودة
not_found-body = لا توجد صفحة على هذا العنوان.
not_found-home = الانتقال إلى صفحة البداية

csrf-title = انتهت صلاحية النموذج
csrf-invalid = تعذّر قبول هذا النموذج لأنه فُتح منذ وقت طويل أو في نافذة أخرى. ارجع إلى الصفحة السابقة، وأعد تحميلها، ثم حاول مرة أخرى.
csrf-back = العودة إلى تسجيل الدخول

forbidden-title = غير متاح لهذا الحساب
forbidden-body = أنت مسجّل الدخول، لكن هذا الحساب لا يملك صلاحية الوصول إلى هذه الصفحة. إذا كنت تعتقد أنه ينبغي أن يملكها، فاطلب من المسؤول إضافته إلى المجموعة المناسبة.
forbidden-account = الانتقال إلى حسابك
account-groups = المجموعات
account-groups_hint = يحدّد المسؤول المجموعات التي تنتمي إليها. يظهر أي تغيير هنا في غضون ساعة، أو عند تسجيل دخولك في المرة القادمة.

too_large-title = حجم البيانات كبير جدًا
too_large-body = أرسل النموذج بيانات تتجاوز الحد الذي نقبله.
unavailable-title = الخدمة غير متاحة
bad_request-title = لم يُقبَل النموذج

# المصادقة متعددة العوامل (خطوات تسجيل الدخول وقسم الأمان في الحساب)

field-mfa_code = رمز التحقق
field-new_password = كلمة المرور الجديدة
field-device_name = اسم الجهاز (اختياري)

challenge-app_code_title = أدخل رمز التحقق
challenge-app_code_intro = افتح تطبيق المصادقة وأدخل الرمز المكوّن من 6 أرقام الذي يعرضه لهذا الموقع.
challenge-sms_title = راجع هاتفك
challenge-sms_intro = أرسلنا رمزًا مكوّنًا من 6 أرقام في رسالة نصية إلى { $destination }. الرمز صالح لمدة 3 دقائق.
challenge-email_title = راجع بريدك الإلكتروني
challenge-email_intro = أرسلنا رمزًا مكوّنًا من 6 أرقام إلى { $destination }. الرمز صالح لمدة 3 دقائق.
challenge-new_password_title = اختر كلمة المرور
challenge-new_password_intro = سجّلت الدخول بكلمة مرور مؤقتة. اختر كلمة مرور خاصة بك للمتابعة.
challenge-set_password = تعيين كلمة المرور والمتابعة
challenge-select_title = كيف تريد التحقق من هويتك؟
challenge-select_intro = اختر طريقة الحصول على رمز التحقق
challenge-setup_title = إعداد التحقق بخطوتين
challenge-setup_intro = يتطلب حسابك خطوة ثانية عند تسجيل الدخول. اختر طريقة إعدادها
challenge-setup_sms_later = يتطلب تلقي الرموز في رسائل نصية وجود رقم هاتف في حسابك. اختر طريقة أخرى الآن؛ ويمكنك إضافة رقم هاتف إلى حسابك لاحقًا.
challenge-setup_sms_only = يرسل هذا الموقع رموز تسجيل الدخول في رسائل نصية، ولا يوجد رقم هاتف في حسابك بعد. يُرجى التواصل مع فريق دعم الموقع لإضافة رقم، ثم سجّل الدخول مرة أخرى.
challenge-verify = تحقّق
challenge-continue = متابعة
challenge-new_code = إرسال رمز جديد (تسجيل الدخول مرة أخرى)
challenge-lost_app_title = لا يمكنك استخدام تطبيق المصادقة؟
challenge-lost_app_body = إذا لم يعد الجهاز الذي عليه التطبيق بحوزتك، فتواصل مع فريق الدعم. يمكن للفريق إيقاف التحقق بخطوتين لحسابك، لتتمكن من تسجيل الدخول وإعداد جهاز جديد.
challenge-contact_support = التواصل مع فريق الدعم

mfa-choose = اختر أحد الخيارات.
mfa-factor-totp = تطبيق المصادقة
mfa-factor-sms = رسالة نصية (SMS)
mfa-factor-email = البريد الإلكتروني
mfa-pool-off = لا يستخدم هذا الموقع التحقق بخطوتين.
mfa-pool-optional = التحقق بخطوتين اختياري، لكنه موصى به.
mfa-pool-on = يتطلب هذا الموقع التحقق بخطوتين.
mfa-state_preferred = مفعّل، الطريقة المفضّلة
mfa-state_on = مفعّل
mfa-state_off = غير مفعّل
mfa-sms_needs_phone = أضف رقم هاتف إلى ملفك الشخصي لاستخدام الرسائل النصية.
mfa-set_up_app = إعداد تطبيق المصادقة
mfa-enable-sms = تفعيل الرسائل النصية
mfa-enable-email = تفعيل الرموز عبر البريد الإلكتروني
mfa-enable-totp = إعداد تطبيق المصادقة
mfa-disable-totp = إيقاف تطبيق المصادقة
mfa-disable-sms = إيقاف الرسائل النصية
mfa-disable-email = إيقاف الرموز عبر البريد الإلكتروني
mfa-make_preferred = تعيين كطريقة مفضّلة
mfa-totp_on = تم إعداد تطبيق المصادقة. سيُطلب منك رمز عند تسجيل الدخول.
mfa-totp_off = تم إيقاف تطبيق المصادقة.
mfa-sms_on = تم تفعيل الرموز عبر الرسائل النصية.
mfa-sms_off = تم إيقاف الرموز عبر الرسائل النصية.
mfa-email_on = تم تفعيل الرموز عبر البريد الإلكتروني.
mfa-email_off = تم إيقاف الرموز عبر البريد الإلكتروني.
mfa-preferred_set = تم حفظ طريقة التحقق المفضّلة لديك.
mfa-refused = لم يُقبَل هذا التغيير. تأكّد من إعداد هذه الطريقة.
mfa-not_allowed = لا يوفّر هذا الموقع طريقة التحقق هذه.

account-security = التحقق بخطوتين

totp-title = إعداد تطبيق المصادقة
totp-intro = أضف { $account } إلى تطبيق مصادقة، مثل 1Password أو Google Authenticator أو Microsoft Authenticator.
totp-qr_alt = رمز QR لإضافة هذا الحساب إلى تطبيق مصادقة
totp-step_scan = امسح رمز QR ضوئيًا باستخدام تطبيق المصادقة، أو أدخل المفتاح أدناه.
totp-step_code = أدخل الرمز المكوّن من 6 أرقام الذي يعرضه التطبيق.
totp-cannot_scan = لا يمكنك المسح الضوئي؟ أدخل هذا المفتاح في التطبيق:
totp-open_in_app = الفتح في تطبيق مصادقة على هذا الجهاز
totp-verify = تحقّق وتفعيل
totp-cancel = إلغاء والعودة إلى حسابك

# استعادة كلمة المرور، والملف الشخصي، والبريد الإلكتروني والهاتف، وتغيير كلمة المرور،
# والجلسات، وحذف الحساب (المشكلة 5).
field-new_email = عنوان البريد الإلكتروني الجديد
field-new_phone = رقم الهاتف الجديد
field-current_password = كلمة المرور الحالية
field-reset_code = رمز إعادة التعيين
field-verification_code = رمز التحقق
field-delete_confirm = اكتب { $word } للتأكيد

sign_in-forgot_password = هل نسيت كلمة المرور؟

forgot_password-title = إعادة تعيين كلمة المرور
forgot_password-intro = أدخل عنوان البريد الإلكتروني الذي أنشأت به حسابك. سنرسل إليك رمزًا لتعيين كلمة مرور جديدة.
forgot_password-intro_username = أدخل اسم المستخدم. سنرسل رمزًا إلى عنوان البريد الإلكتروني المسجّل في الحساب.
forgot_password-submit = إرسال الرمز
forgot_password-back_to_sign_in = العودة إلى تسجيل الدخول

reset_password-title = اختر كلمة مرور جديدة
reset_password-intro = إذا كان { $destination } مرتبطًا بحساب، فقد أرسلنا إليه رمز إعادة التعيين. الرمز صالح لمدة ساعة واحدة. أدخله واختر كلمة مرور جديدة.
reset_password-intro_account = إذا كان الحساب موجودًا، فقد أرسلنا رمز إعادة التعيين إلى عنوان بريده الإلكتروني. الرمز صالح لمدة ساعة واحدة. أدخله واختر كلمة مرور جديدة.
reset_password-submit = تعيين كلمة المرور الجديدة
reset_password-start_over = استخدام عنوان بريد إلكتروني آخر
reset_password-required = يجب إعادة تعيين كلمة المرور قبل أن تتمكن من تسجيل الدخول. أرسلنا رمز إعادة التعيين إلى { $destination }.
reset_password-required_account = يجب إعادة تعيين كلمة المرور قبل أن تتمكن من تسجيل الدخول. أرسلنا رمز إعادة التعيين إلى عنوان البريد الإلكتروني المسجّل في الحساب.
reset_password-code_resent = إذا كان الحساب موجودًا، فقد أرسلنا رمز إعادة تعيين جديدًا.
reset_password-no_flow = ابدأ بطلب رمز إعادة التعيين.
reset_password-done = تم تغيير كلمة المرور. سجّل الدخول بكلمة المرور الجديدة.

phone-invalid = أدخل رقم الهاتف مع مفتاح الدولة، مثل ⁦+44 20 7946 0958⁩.

profile-title = تعديل ملفك الشخصي
profile-intro = اترك أي حقل فارغًا لإزالته من حسابك.
profile-submit = حفظ الملف الشخصي
profile-saved = تم حفظ ملفك الشخصي.
profile-unchanged = لم يتغير شيء في ملفك الشخصي.
profile-not_saved = تعذّر حفظ ملفك الشخصي. راجع الحقول وحاول مرة أخرى.
profile-locale_invalid = أدخل رمز لغة مثل en أو fr أو pt-BR.
profile-locale_hint = لغة الرسائل المتعلقة بحسابك.
profile-locale_none = غير محدّدة

contact-email_title = تغيير عنوان بريدك الإلكتروني
contact-phone_title = تغيير رقم هاتفك
contact-current_email = عنوان بريدك الإلكتروني هو { $value }.
contact-current_phone = رقم هاتفك هو { $value }.
contact-email_hint = سنرسل رمزًا إلى العنوان الجديد للتأكد من أنه يخصّك.
contact-phone_hint = أضف مفتاح الدولة، مثل ⁦+44 20 7946 0958⁩. سنرسل رمزًا في رسالة نصية إلى الرقم الجديد. اترك الحقل فارغًا لإزالة رقمك.
contact-submit = إرسال الرمز
contact-unchanged = هذا هو عنوانك الحالي بالفعل؛ لم يتغير شيء.
contact-phone_removed = تمت إزالة رقم هاتفك.
contact-code_not_sent = تم حفظ التغيير، لكن تعذّر علينا إرسال رمز. يمكنك التحقق منه لاحقًا من صفحة حسابك.

verify-email_title = التحقق من عنوان بريدك الإلكتروني
verify-phone_title = التحقق من رقم هاتفك
verify-intro = أدخل الرمز المكوّن من 6 أرقام الذي أرسلناه إلى { $value }.
verify-intro_pending = أدخل الرمز المكوّن من 6 أرقام الذي أرسلناه إلى { $value }. وإلى أن تفعل ذلك، يبقى { $old } في حسابك ويظل صالحًا لتسجيل الدخول.
verify-submit = تحقّق
verify-code_resent = أرسلنا إليك رمزًا جديدًا.
verify-email_done = تم التحقق من عنوان بريدك الإلكتروني.
verify-phone_done = تم التحقق من رقم هاتفك.

change_password-title = تغيير كلمة المرور
change_password-submit = تغيير كلمة المرور
change_password-wrong_current = هذه ليست كلمة المرور الحالية.
change_password-done = تم تغيير كلمة المرور.

sign_out_everywhere-title = هل تريد تسجيل الخروج من جميع الأجهزة؟
sign_out_everywhere-intro = سيؤدي هذا إلى تسجيل خروجك من كل جهاز وتطبيق سجّلت الدخول إليه، بما في ذلك هذا الجهاز. وستحتاج إلى تسجيل الدخول مرة أخرى.
sign_out_everywhere-submit = تسجيل الخروج من جميع الأجهزة

delete_account-title = حذف حسابك
delete_account-intro = سيؤدي هذا إلى حذف حسابك وكل ما فيه نهائيًا. لا يمكن التراجع عن ذلك.
delete_account-submit = حذف حسابي
delete_account-word = حذف
delete_account-word_mismatch = للتأكيد، اكتب الكلمة تمامًا كما تظهر.

goodbye-title = إلى اللقاء
goodbye-body = تم حذف حسابك وتسجيل خروجك. شكرًا لك على الوقت الذي قضيته معنا.
goodbye-sign_up = إنشاء حساب جديد

account-back = العودة إلى حسابك
account-cancel = إلغاء والبقاء مسجّل الدخول
account-edit_profile = تعديل الملف الشخصي
account-change_email = تغيير عنوان البريد الإلكتروني
account-change_phone = تغيير رقم الهاتف
account-change_password = تغيير كلمة المرور
account-delete_heading = حذف الحساب
account-delete = حذف حسابك…
account-enter_code = إدخال الرمز
account-verify_now = إرسال رمز للتحقق منه
account-unverified_email = لم يتم التحقق من عنوان بريدك الإلكتروني { $value } بعد.
account-unverified_phone = لم يتم التحقق من رقم هاتفك { $value } بعد.
account-pending_email = عنوان بريدك الإلكتروني الجديد { $value } بانتظار إدخال رمزه.
account-pending_email_kept = عنوان بريدك الإلكتروني الجديد { $value } بانتظار إدخال رمزه. وحتى ذلك الحين، يبقى { $old } في حسابك ويظل صالحًا لتسجيل الدخول.
account-pending_phone = رقم هاتفك الجديد { $value } بانتظار إدخال رمزه.
account-pending_phone_kept = رقم هاتفك الجديد { $value } بانتظار إدخال رمزه. وحتى ذلك الحين، يبقى { $old } في حسابك.

confirm_identity-title = تأكيد هويتك
confirm_identity-intro = حفاظًا على أمانك، أدخل كلمة المرور مرة أخرى قبل إجراء هذا التغيير.
confirm_identity-required = أدخل كلمة المرور مرة أخرى للمتابعة.
confirm_identity-wrong_password = كلمة المرور هذه غير صحيحة.
confirm_identity-submit = متابعة

rate_limited-title = محاولات كثيرة جدًا
rate_limited-body = { $minutes ->
    [zero] أُجريت محاولات كثيرة جدًا. حاول مرة أخرى بعد لحظات.
    [one] أُجريت محاولات كثيرة جدًا. حاول مرة أخرى بعد دقيقة واحدة.
    [two] أُجريت محاولات كثيرة جدًا. حاول مرة أخرى بعد دقيقتين.
    [few] أُجريت محاولات كثيرة جدًا. حاول مرة أخرى بعد { $minutes } دقائق.
    [many] أُجريت محاولات كثيرة جدًا. حاول مرة أخرى بعد { $minutes } دقيقة.
   *[other] أُجريت محاولات كثيرة جدًا. حاول مرة أخرى بعد { $minutes } دقيقة.
}

# choice-based sign-in and passkeys
sign_in-continue = متابعة
challenge-first_factor_title = كيف تريد تسجيل الدخول؟
challenge-first_factor_intro = تسجيل الدخول باسم { $name }.
challenge-or = أو
challenge-send_email_code = أرسل لي رمز تسجيل الدخول بالبريد الإلكتروني
challenge-send_sms_code = أرسل لي رمز تسجيل الدخول برسالة نصية
challenge-use_passkey = تسجيل الدخول بمفتاح مرور
challenge-passkey_title = استخدم مفتاح المرور
challenge-passkey_intro = سيطلب منك المتصفح التأكيد بمفتاح المرور المحفوظ على هذا الجهاز أو هاتفك أو مدير كلمات المرور.
challenge-other_ways = طرق أخرى لتسجيل الدخول
challenge-not_you = لست أنت؟ ابدأ من جديد
passkey-failed = لم يُستخدم أي مفتاح مرور. حاول مرة أخرى أو اختر طريقة أخرى.
passkey-refused = مفتاح المرور هذا لا يسجّل الدخول إلى هذا الحساب. اختر طريقة أخرى.
passkey-needs_script = تتطلب مفاتيح المرور متصفحًا يدعم JavaScript ومفاتيح المرور. الطرق الأخرى لتسجيل الدخول تعمل بدونها.
passkey-not_available = مفاتيح المرور غير متاحة على هذا الموقع حاليًا.
passkey-expired = استغرق إنشاء مفتاح المرور وقتًا طويلًا. ابدأ من جديد.
passkey-not_supported = تعذّرت إضافة مفتاح المرور هذا. جرّب جهازًا أو مدير كلمات مرور آخر.
passkey-added = تمت إضافة مفتاح المرور. يمكنك تسجيل الدخول به في المرة القادمة.
passkey-deleted = تم حذف مفتاح المرور. لم يعد يسجّل الدخول إلى حسابك.
passkeys-title = مفاتيح المرور
passkeys-intro = يسجّل مفتاح المرور دخولك ببصمتك أو وجهك أو قفل الشاشة أو مفتاح أمان، دون كلمة مرور تُكتب أو تُسرق.
passkeys-none = ليس لديك مفاتيح مرور بعد.
passkeys-unnamed = مفتاح مرور
passkeys-created = أُضيف
passkeys-delete = حذف
passkeys-add = إضافة مفتاح مرور
passkeys-create_intro = سيسألك المتصفح أين تحفظ مفتاح المرور الجديد: هذا الجهاز أو هاتفك أو مدير كلمات المرور.
passkeys-create = إنشاء مفتاح المرور
passkeys-cancel = إلغاء
passkeys-back = العودة إلى حسابك
account-passkeys = إدارة مفاتيح المرور
# remembered devices
devices-remember = تذكّر هذا المتصفح
devices-remember_hint = لن يُطلب منك رمز عند تسجيل الدخول هنا مرة أخرى. حدّد هذا الخيار فقط على جهاز تستخدمه وحدك.
devices-remembered = تم تذكّر هذا المتصفح: في المرة القادمة التي تسجّل فيها الدخول هنا لن تحتاج إلى رمز.
devices-heading = المتصفحات المتذكَّرة
devices-intro = تسجّل هذه المتصفحات الدخول دون خطوة ثانية. انسَ أي متصفح لم تعد تستخدمه.
devices-none = لا يوجد متصفح متذكَّر.
devices-unnamed = متصفح بلا اسم
devices-last_used = آخر استخدام: { $when }
devices-this_browser = هذا المتصفح
devices-forget = نسيان
devices-forgotten = تم نسيان المتصفح. سيُطلب منه رمز عند تسجيل الدخول التالي.
devices-not_found = لم يعد هذا المتصفح متذكَّرًا.

# sign-up without a password; confirming identity with choice-based sign-in
sign_up-password_optional = لا تريد كلمة مرور؟ اترك الحقل فارغًا: ستسجّل الدخول برمز نرسله إلى بريدك الإلكتروني، ويمكنك إضافة مفتاح مرور لاحقًا.
sign_up-password_needed = يتطلب هذا الموقع كلمة مرور لكل حساب.
confirm_identity-intro_choice = حفاظًا على أمانك، سجّل الدخول مرة أخرى قبل هذا التغيير.
