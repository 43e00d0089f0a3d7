# Threshold の日本語メッセージ。ID は固定です（コード、テスト、他の言語が
# 参照します）。コードではドットで区切り（`sign_in.title`）、ここでは
# ダッシュで書きます（`sign_in-title`）。

layout-skip = フォームへスキップ

footer-links = サイトのリンク
footer-terms = 利用規約
footer-privacy = プライバシーポリシー
footer-support = ヘルプとサポート
language-label = 言語
language-submit = 言語を変更

error_summary-title = 入力内容に問題があります

field-email = メールアドレス
field-username = ユーザー名
field-password = パスワード
field-confirmation_code = 確認コード

sign_in-title = ログイン
sign_in-submit = ログイン
sign_in-no_account = はじめてご利用ですか？
sign_in-create_account = アカウントを作成
sign_in-incorrect_credentials = メールアドレスまたはパスワードが正しくありません。
sign_in-temporary_password_spent = この仮パスワードは使用済みか、有効期限が切れています。招待した方に、招待を再送するよう依頼してください。
sign_in-locked_out = パスワードの誤入力が多すぎるため、ログインを数分間停止しています。しばらく待つか、パスワードを再設定してください。
sign_in-expired = ログインに時間がかかりすぎたため、有効期限が切れました。もう一度ログインしてください。

sign_up-title = アカウントを作成
sign_up-submit = アカウントを作成
sign_up-have_account = すでにアカウントをお持ちですか？
sign_up-sign_in = ログイン
sign_up-consent = 利用規約に同意します
sign_up-consent_link = 利用規約を読む
sign_up-consent_missing = アカウントを作成するには、利用規約に同意してください。

confirm-title = メールを確認してください
confirm-intro = { $destination } に送信した6桁のコードを入力してください。コードの有効期限は24時間です。
confirm-submit = 確認
confirm-resend = コードを再送信
confirm-wrong_address = メールアドレスを間違えましたか？正しいアドレスで最初からやり直す
confirm-dev_outbox_intro = ローカル開発用プールで実行中のため、メールは送信されません。
confirm-dev_outbox_link = 開発用送信ボックスを開く
confirm-confirmed = アカウントの確認が完了しました。ログインして続行してください。
confirm-signed_in = アカウントの確認が完了し、ログインしました。
confirm-code_resent = 新しいコードを送信しました。
confirm-no_flow = まずアカウントを作成してください。
confirm-not_confirmed = アカウントの確認がまだ完了していません。新しいコードを送信しました。

code-missing = コードを入力してください。
code-format = コードは6桁の数字です。
code-mismatch = コードが正しくありません。確認して、もう一度お試しください。
code-expired = コードの有効期限が切れています。新しいコードをリクエストしてください。
code-too_many_attempts = コードの誤入力が多すぎます。数分待ってから、新しいコードをリクエストしてください。

email-missing = メールアドレスを入力してください。
email-invalid = name@example.com のような形式でメールアドレスを入力してください。
username-missing = ユーザー名を入力してください。
username-invalid = スペースや @ を含まないユーザー名を入力してください。
password-missing = パスワードを入力してください。
password-too_long = パスワードは256文字以内で入力してください。
password-rejected = このパスワードは使用できません。条件を満たす別のパスワードを設定してください。
password-rules_title = パスワードの条件
password-rule-min_length = { $count }文字以上
password-rule-uppercase = 英大文字を含む
password-rule-lowercase = 英小文字を含む
password-rule-digit = 数字を含む
password-rule-symbol = 記号（! や # など）を含む
password-rule_met = 達成済み
password-rule_unmet = 未達成
password-needs_min_length = { $count }文字以上で入力してください。
password-needs_uppercase = 英大文字を含めてください。
password-needs_lowercase = 英小文字を含めてください。
password-needs_digit = 数字を含めてください。
password-needs_symbol = 記号（! や # など）を含めてください。
password-show = パスワードを表示

attribute-missing = この項目は入力必須です。
attribute-too_long = 入力が長すぎます（256文字以内）。
attribute-invalid_characters = この項目に使用できない文字が含まれています。
attribute-email = メールアドレス
attribute-name = 氏名
attribute-given_name = 名
attribute-family_name = 姓
attribute-middle_name = ミドルネーム
attribute-nickname = ニックネーム
attribute-preferred_username = 希望するユーザー名
attribute-phone_number = 電話番号
attribute-locale = 言語
attribute-birthdate = 生年月日
attribute-website = ウェブサイト
attribute-address = 住所

error-rate_limited = 試行回数が多すぎます。数分待ってから、もう一度お試しください。
error-invalid_input = フォームに受け付けられない入力があります。内容を確認して、もう一度お試しください。
error-unexpected = システム側で問題が発生しました。しばらくしてから、もう一度お試しください。
error-unavailable = 現在、ログインサービスをご利用いただけません。しばらくしてから、もう一度お試しください。
error-try_again = 再試行

session-ended = セッションが終了しました。もう一度ログインしてください。

sign_out-done = ログアウトしました。
sign_out-everywhere_done = すべてのデバイスからログアウトしました。

account-title = アカウント
account-profile = プロフィール
account-sessions = ログアウト
account-sign_out = ログアウト
account-sign_out_everywhere = すべてのデバイスからログアウト
account-sign_out_everywhere_hint = すべてのデバイスからログアウトすると、1時間以内にすべてのデバイスとアプリのセッションが終了します。
account-verified = 確認済み
account-unverified = 未確認

challenge-unsupported_title = 追加の手順が必要です
challenge-unsupported = お使いのアカウントでは、このサイトがまだ対応していないログイン手順（{ $challenge }）が求められています。サポートにお問い合わせください。
challenge-start_over = 最初からやり直す

outbox-title = 開発用送信ボックス
outbox-intro = ローカル開発用プールでは、メールやSMSは送信されません。送信されるはずだったメッセージを、新しい順にここに表示します。
outbox-empty = まだ何も送信されていません。
outbox-caption = ローカル開発用プールが送信するはずだったメッセージ
outbox-sent_at = 送信日時
outbox-destination = 宛先
outbox-purpose = 用途
outbox-purpose_sign_up = 登録の確認
outbox-purpose_forgot_password = パスワードの再設定
outbox-purpose_mfa = ログイン用コード
outbox-purpose_verify_attribute = アドレスの確認
outbox-purpose_invitation = 招待
outbox-code = コード
outbox-message = メッセージ

not_found-title = ページが見つかりません
not_found-body = このアドレスのページは存在しません。
not_found-home = トップページへ

csrf-title = フォームの有効期限切れ
csrf-invalid = このフォームは開いてから時間が経ちすぎているか、別のウィンドウで開かれたため、受け付けられませんでした。前のページに戻り、ページを再読み込みしてから、もう一度お試しください。
csrf-back = ログインに戻る

forbidden-title = このアカウントではアクセスできません
forbidden-body = ログインしていますが、このアカウントにはこのページへのアクセス権がありません。アクセスできるはずの場合は、管理者に適切なグループへの追加を依頼してください。
forbidden-account = アカウントページへ
account-groups = グループ
account-groups_hint = 所属するグループは管理者が決定します。変更は1時間以内、または次回ログイン時にここに反映されます。

too_large-title = データが大きすぎます
too_large-body = フォームから送信されたデータが、受け付け可能な量を超えています。
unavailable-title = ご利用いただけません
bad_request-title = フォームを受け付けられませんでした

# 2段階認証（ログイン時の認証手順とアカウントのセキュリティ設定）

field-mfa_code = 確認コード
field-new_password = 新しいパスワード
field-device_name = デバイス名（任意）

challenge-app_code_title = 確認コードを入力
challenge-app_code_intro = 認証アプリを開き、このサイト用に表示されている6桁のコードを入力してください。
challenge-sms_title = SMSを確認してください
challenge-sms_intro = { $destination } にSMSで6桁のコードを送信しました。コードの有効期限は3分です。
challenge-email_title = メールを確認してください
challenge-email_intro = { $destination } に6桁のコードを送信しました。コードの有効期限は3分です。
challenge-new_password_title = パスワードを設定
challenge-new_password_intro = 仮パスワードでログインしました。続行するには、ご自身のパスワードを設定してください。
challenge-set_password = パスワードを設定して続行
challenge-select_title = どの方法で認証しますか？
challenge-select_intro = 確認コードの受け取り方法を選択してください
challenge-setup_title = 2段階認証を設定
challenge-setup_intro = お使いのアカウントでは、ログイン時に2段階目の認証が必要です。設定する方法を選択してください
challenge-setup_sms_later = SMSでコードを受け取るには、アカウントに電話番号が登録されている必要があります。今は別の方法を選択してください。電話番号は後からアカウントページで追加できます。
challenge-setup_sms_only = このサイトはログイン用のコードをSMSで送信しますが、お使いのアカウントにはまだ電話番号が登録されていません。サイトのサポートに電話番号の追加を依頼してから、もう一度ログインしてください。
challenge-verify = 確認
challenge-continue = 続行
challenge-new_code = 新しいコードを送信（再ログイン）
challenge-lost_app_title = 認証アプリを使用できませんか？
challenge-lost_app_body = 認証アプリを入れたデバイスがお手元にない場合は、サポートにお問い合わせください。サポートがお使いのアカウントの2段階認証をオフにすると、ログインして新しいデバイスを設定できるようになります。
challenge-contact_support = サポートに問い合わせる

mfa-choose = いずれかを選択してください。
mfa-factor-totp = 認証アプリ
mfa-factor-sms = SMS（ショートメッセージ）
mfa-factor-email = メール
mfa-pool-off = このサイトでは2段階認証を使用していません。
mfa-pool-optional = 2段階認証は任意ですが、設定をおすすめします。
mfa-pool-on = このサイトでは2段階認証が必須です。
mfa-state_preferred = オン（優先）
mfa-state_on = オン
mfa-state_off = オフ
mfa-sms_needs_phone = SMS認証を使うには、プロフィールに電話番号を追加してください。
mfa-set_up_app = 認証アプリを設定
mfa-enable-sms = SMS認証をオンにする
mfa-enable-email = メール認証をオンにする
mfa-enable-totp = 認証アプリを設定
mfa-disable-totp = 認証アプリをオフにする
mfa-disable-sms = SMS認証をオフにする
mfa-disable-email = メール認証をオフにする
mfa-make_preferred = 優先に設定
mfa-totp_on = 認証アプリを設定しました。ログイン時にコードの入力を求められます。
mfa-totp_off = 認証アプリをオフにしました。
mfa-sms_on = SMS認証をオンにしました。
mfa-sms_off = SMS認証をオフにしました。
mfa-email_on = メール認証をオンにしました。
mfa-email_off = メール認証をオフにしました。
mfa-preferred_set = 優先する認証方法を保存しました。
mfa-refused = この変更は受け付けられませんでした。その認証方法が設定済みか確認してください。
mfa-not_allowed = このサイトでは、その認証方法は利用できません。

account-security = 2段階認証

totp-title = 認証アプリを設定
totp-intro = { $account } を認証アプリ（1Password、Google Authenticator、Microsoft Authenticator など）に追加してください。
totp-qr_alt = このアカウントを認証アプリに追加するためのQRコード
totp-step_scan = 認証アプリでQRコードをスキャンするか、下のキーを入力してください。
totp-step_code = アプリに表示された6桁のコードを入力してください。
totp-cannot_scan = スキャンできない場合は、このキーをアプリに入力してください：
totp-open_in_app = このデバイスの認証アプリで開く
totp-verify = 確認してオンにする
totp-cancel = キャンセルしてアカウントに戻る

# パスワードの再設定、プロフィール、メールアドレスと電話番号、パスワードの変更、
# セッション、アカウントの削除（issue 5）。
field-new_email = 新しいメールアドレス
field-new_phone = 新しい電話番号
field-current_password = 現在のパスワード
field-reset_code = 再設定コード
field-verification_code = 確認コード
field-delete_confirm = 確認のため「{ $word }」と入力してください

sign_in-forgot_password = パスワードをお忘れですか？

forgot_password-title = パスワードの再設定
forgot_password-intro = 登録したメールアドレスを入力してください。新しいパスワードを設定するためのコードをお送りします。
forgot_password-intro_username = ユーザー名を入力してください。アカウントに登録されているメールアドレスにコードをお送りします。
forgot_password-submit = コードを送信
forgot_password-back_to_sign_in = ログインに戻る

reset_password-title = 新しいパスワードを設定
reset_password-intro = { $destination } がアカウントに登録されている場合は、そのアドレスに再設定コードを送信しました。コードの有効期限は1時間です。コードを入力し、新しいパスワードを設定してください。
reset_password-intro_account = アカウントが存在する場合は、登録されているメールアドレスに再設定コードを送信しました。コードの有効期限は1時間です。コードを入力し、新しいパスワードを設定してください。
reset_password-submit = 新しいパスワードを設定
reset_password-start_over = 別のメールアドレスを使う
reset_password-required = ログインする前に、パスワードの再設定が必要です。{ $destination } に再設定コードを送信しました。
reset_password-required_account = ログインする前に、パスワードの再設定が必要です。アカウントに登録されているメールアドレスに再設定コードを送信しました。
reset_password-code_resent = アカウントが存在する場合は、新しい再設定コードを送信しました。
reset_password-no_flow = まず再設定コードをリクエストしてください。
reset_password-done = パスワードを変更しました。新しいパスワードでログインしてください。

phone-invalid = +44 20 7946 0958 のように、国番号を付けて電話番号を入力してください。

profile-title = プロフィールを編集
profile-intro = 項目を空欄にすると、その情報はアカウントから削除されます。
profile-submit = プロフィールを保存
profile-saved = プロフィールを保存しました。
profile-unchanged = プロフィールに変更はありません。
profile-not_saved = プロフィールを保存できませんでした。入力内容を確認して、もう一度お試しください。
profile-locale_invalid = en、fr、pt-BR のような言語コードを入力してください。
profile-locale_hint = アカウントに関するメッセージに使用する言語です。
profile-locale_none = 未設定

contact-email_title = メールアドレスの変更
contact-phone_title = 電話番号の変更
contact-current_email = 現在のメールアドレスは { $value } です。
contact-current_phone = 現在の電話番号は { $value } です。
contact-email_hint = ご本人のものであることを確認するため、新しいアドレスにコードをお送りします。
contact-phone_hint = +44 20 7946 0958 のように、国番号を含めて入力してください。新しい番号にSMSでコードをお送りします。番号を削除する場合は空欄のままにしてください。
contact-submit = コードを送信
contact-unchanged = 現在登録されているものと同じです。変更はありません。
contact-phone_removed = 電話番号を削除しました。
contact-code_not_sent = 変更は保存されましたが、コードを送信できませんでした。後でアカウントページから確認してください。

verify-email_title = メールアドレスの確認
verify-phone_title = 電話番号の確認
verify-intro = { $value } に送信した6桁のコードを入力してください。
verify-intro_pending = { $value } に送信した6桁のコードを入力してください。入力が完了するまでは { $old } がアカウントに登録されたままとなり、引き続きログインに使用できます。
verify-submit = 確認
verify-code_resent = 新しいコードを送信しました。
verify-email_done = メールアドレスの確認が完了しました。
verify-phone_done = 電話番号の確認が完了しました。

change_password-title = パスワードの変更
change_password-submit = パスワードを変更
change_password-wrong_current = 現在のパスワードが正しくありません。
change_password-done = パスワードを変更しました。

sign_out_everywhere-title = すべてのデバイスからログアウトしますか？
sign_out_everywhere-intro = このデバイスを含め、ログインしているすべてのデバイスとアプリからログアウトします。もう一度ログインが必要になります。
sign_out_everywhere-submit = すべてのデバイスからログアウト

delete_account-title = アカウントの削除
delete_account-intro = アカウントとそのすべてのデータを完全に削除します。この操作は取り消せません。
delete_account-submit = アカウントを削除
delete_account-word = 削除
delete_account-word_mismatch = 確認のため、表示されている言葉をそのとおりに正確に入力してください。

goodbye-title = ご利用ありがとうございました
goodbye-body = アカウントを削除し、ログアウトしました。これまでご一緒いただいた時間に、心より感謝いたします。
goodbye-sign_up = 新しいアカウントを作成

account-back = アカウントに戻る
account-cancel = キャンセル（ログインしたままにする）
account-edit_profile = プロフィールを編集
account-change_email = メールアドレスを変更
account-change_phone = 電話番号を変更
account-change_password = パスワードを変更
account-delete_heading = アカウントの削除
account-delete = アカウントを削除…
account-enter_code = コードを入力
account-verify_now = 確認用のコードを送信
account-unverified_email = メールアドレス { $value } はまだ確認されていません。
account-unverified_phone = 電話番号 { $value } はまだ確認されていません。
account-pending_email = 新しいメールアドレス { $value } は、コードの入力待ちです。
account-pending_email_kept = 新しいメールアドレス { $value } は、コードの入力待ちです。それまでは { $old } がアカウントに登録されたままとなり、引き続きログインに使用できます。
account-pending_phone = 新しい電話番号 { $value } は、コードの入力待ちです。
account-pending_phone_kept = 新しい電話番号 { $value } は、コードの入力待ちです。それまでは { $old } がアカウントに登録されたままとなります。

confirm_identity-title = ご本人確認
confirm_identity-intro = セキュリティ保護のため、この変更を行う前にパスワードを再入力してください。
confirm_identity-required = 続行するには、パスワードを再入力してください。
confirm_identity-wrong_password = パスワードが正しくありません。
confirm_identity-submit = 続行

rate_limited-title = 試行回数が多すぎます
rate_limited-body = 試行回数が多すぎます。{ $minutes }分後にもう一度お試しください。

# choice-based sign-in and passkeys
sign_in-continue = 次へ
challenge-first_factor_title = サインイン方法を選んでください
challenge-first_factor_intro = { $name } としてサインインします。
challenge-or = または
challenge-send_email_code = サインインコードをメールで受け取る
challenge-send_sms_code = サインインコードを SMS で受け取る
challenge-use_passkey = パスキーでサインイン
challenge-passkey_title = パスキーを使用
challenge-passkey_intro = ブラウザが、この端末・スマートフォン・パスワードマネージャーに保存されたパスキーでの確認を求めます。
challenge-other_ways = ほかの方法でサインイン
challenge-not_you = 別のアカウントでやり直す
passkey-failed = パスキーが使用されませんでした。もう一度試すか、別の方法を選んでください。
passkey-refused = このパスキーではこのアカウントにサインインできません。別の方法を選んでください。
passkey-needs_script = パスキーには JavaScript とパスキーに対応したブラウザが必要です。ほかのサインイン方法はなくても使えます。
passkey-not_available = 現在このサイトではパスキーを利用できません。
passkey-expired = パスキーの作成に時間がかかりすぎました。もう一度やり直してください。
passkey-not_supported = このパスキーは追加できませんでした。別の端末かパスワードマネージャーをお試しください。
passkey-added = パスキーを追加しました。次回からパスキーでサインインできます。
passkey-deleted = パスキーを削除しました。このパスキーではサインインできなくなりました。
passkeys-title = パスキー
passkeys-intro = パスキーを使うと、指紋・顔・画面ロック・セキュリティキーでサインインできます。入力したり盗まれたりするパスワードはありません。
passkeys-none = パスキーはまだありません。
passkeys-unnamed = パスキー
passkeys-created = 追加日時
passkeys-delete = 削除
passkeys-add = パスキーを追加
passkeys-create_intro = 新しいパスキーの保存先（この端末・スマートフォン・パスワードマネージャー）をブラウザが尋ねます。
passkeys-create = パスキーを作成
passkeys-cancel = キャンセル
passkeys-back = アカウントに戻る
account-passkeys = パスキーを管理
# remembered devices
devices-remember = このブラウザを記憶する
devices-remember_hint = 次回からこのブラウザでサインインするときはコードを求められません。自分だけが使うデバイスでのみチェックしてください。
devices-remembered = このブラウザを記憶しました。次回ここでサインインするときはコードは不要です。
devices-heading = 記憶されたブラウザ
devices-intro = これらのブラウザは 2 段階目なしでサインインします。使わなくなったものは削除してください。
devices-none = 記憶されたブラウザはありません。
devices-unnamed = 名前のないブラウザ
devices-last_used = 最終使用: { $when }
devices-this_browser = このブラウザ
devices-forget = 削除
devices-forgotten = ブラウザを削除しました。次回のサインインではコードが求められます。
devices-not_found = そのブラウザはもう記憶されていません。

# sign-up without a password; confirming identity with choice-based sign-in
sign_up-password_optional = パスワードなしでも構いません。空欄のままにすると、メールで届くコードでサインインでき、後からパスキーも追加できます。
sign_up-password_needed = このサイトではすべてのアカウントにパスワードが必要です。
confirm_identity-intro_choice = 安全のため、この変更の前にもう一度サインインしてください。
