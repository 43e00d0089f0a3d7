# Messages de Threshold en français. Les identifiants sont stables : le code,
# les tests et les autres langues y font référence. Dans le code, un point
# sépare les parties (`sign_in.title`) ; ici, c’est un tiret (`sign_in-title`).

layout-skip = Aller au formulaire

footer-links = Liens du site
footer-terms = Conditions d’utilisation
footer-privacy = Politique de confidentialité
footer-support = Aide et assistance
language-label = Langue
language-submit = Changer de langue

error_summary-title = Un problème est survenu

field-email = Adresse e-mail
field-username = Nom d’utilisateur
field-password = Mot de passe
field-confirmation_code = Code de confirmation

sign_in-title = Connexion
sign_in-submit = Se connecter
sign_in-no_account = Pas encore de compte ?
sign_in-create_account = Créer un compte
sign_in-incorrect_credentials = Adresse e-mail ou mot de passe incorrect.
sign_in-temporary_password_spent = Ce mot de passe temporaire a déjà été utilisé ou a expiré. Demandez à l’auteur de l’invitation de vous en envoyer une nouvelle.
sign_in-locked_out = Trop de mots de passe incorrects. La connexion est suspendue pendant quelques minutes ; patientez ou réinitialisez votre mot de passe.
sign_in-expired = Votre connexion a pris trop de temps et a expiré. Veuillez vous reconnecter.

sign_up-title = Créez votre compte
sign_up-submit = Créer le compte
sign_up-have_account = Vous avez déjà un compte ?
sign_up-sign_in = Se connecter
sign_up-consent = J’accepte les conditions d’utilisation
sign_up-consent_link = Lire les conditions d’utilisation
sign_up-consent_missing = Acceptez les conditions d’utilisation pour créer un compte.

confirm-title = Consultez vos e-mails
confirm-intro = Saisissez le code à 6 chiffres envoyé à { $destination }. Il est valable 24 heures.
confirm-submit = Confirmer
confirm-resend = Envoyer un nouveau code
confirm-wrong_address = Adresse e-mail erronée ? Recommencez avec la bonne adresse
confirm-dev_outbox_intro = Vous utilisez le groupe d’utilisateurs de développement local : aucun e-mail n’est envoyé.
confirm-dev_outbox_link = Ouvrir la boîte d’envoi de développement
confirm-confirmed = Votre compte est confirmé. Connectez-vous pour continuer.
confirm-signed_in = Votre compte est confirmé et vous êtes connecté.
confirm-code_resent = Nous vous avons envoyé un nouveau code.
confirm-no_flow = Commencez par créer un compte.
confirm-not_confirmed = Votre compte n’est pas encore confirmé. Nous vous avons envoyé un nouveau code.

code-missing = Saisissez le code.
code-format = Le code comporte 6 chiffres.
code-mismatch = Ce code est incorrect. Vérifiez-le et réessayez.
code-expired = Ce code a expiré. Demandez-en un nouveau.
code-too_many_attempts = Trop de codes incorrects. Patientez quelques minutes, puis demandez un nouveau code.

email-missing = Saisissez votre adresse e-mail.
email-invalid = Saisissez une adresse e-mail au format name@example.com.
username-missing = Saisissez votre nom d’utilisateur.
username-invalid = Saisissez un nom d’utilisateur sans espace ni @.
password-missing = Saisissez votre mot de passe.
password-too_long = Le mot de passe ne peut pas dépasser 256 caractères.
password-rejected = Ce mot de passe n’a pas été accepté. Choisissez-en un autre qui respecte les exigences.
password-rules_title = Exigences du mot de passe
password-rule-min_length = { $count ->
    [one] au moins { $count } caractère
   *[other] au moins { $count } caractères
}
password-rule-uppercase = une lettre majuscule
password-rule-lowercase = une lettre minuscule
password-rule-digit = un chiffre
password-rule-symbol = un symbole, comme ! ou #
password-rule_met = c’est bon
password-rule_unmet = encore nécessaire
password-needs_min_length = { $count ->
    [one] Utilisez au moins { $count } caractère.
   *[other] Utilisez au moins { $count } caractères.
}
password-needs_uppercase = Ajoutez une lettre majuscule.
password-needs_lowercase = Ajoutez une lettre minuscule.
password-needs_digit = Ajoutez un chiffre.
password-needs_symbol = Ajoutez un symbole, comme ! ou #.
password-show = Afficher le mot de passe

attribute-missing = Ce champ est obligatoire.
attribute-too_long = Cette valeur est trop longue (256 caractères maximum).
attribute-invalid_characters = Ce champ contient des caractères non autorisés.
attribute-email = E-mail
attribute-name = Nom complet
attribute-given_name = Prénom
attribute-family_name = Nom
attribute-middle_name = Deuxième prénom
attribute-nickname = Surnom
attribute-preferred_username = Nom d’utilisateur préféré
attribute-phone_number = Numéro de téléphone
attribute-locale = Langue
attribute-birthdate = Date de naissance
attribute-website = Site web
attribute-address = Adresse

error-rate_limited = Trop de tentatives. Patientez quelques minutes et réessayez.
error-invalid_input = Une information du formulaire n’a pas été acceptée. Vérifiez-la et réessayez.
error-unexpected = Un problème est survenu de notre côté. Veuillez réessayer dans un instant.
error-unavailable = Le service de connexion est indisponible pour le moment. Veuillez réessayer dans un instant.
error-try_again = Réessayer

session-ended = Votre session a pris fin. Veuillez vous reconnecter.

sign_out-done = Déconnexion effectuée.
sign_out-everywhere_done = Déconnexion effectuée sur tous vos appareils.

account-title = Votre compte
account-profile = Profil
account-sessions = Déconnexion
account-sign_out = Se déconnecter
account-sign_out_everywhere = Se déconnecter partout
account-sign_out_everywhere_hint = La déconnexion partout ferme vos sessions sur tous vos appareils et applications, dans l’heure qui suit.
account-verified = vérifié
account-unverified = non vérifié

challenge-unsupported_title = Une étape supplémentaire est nécessaire
challenge-unsupported = Votre compte demande une étape de connexion que ce site ne prend pas encore en charge ({ $challenge }). Veuillez contacter l’assistance.
challenge-start_over = Recommencer

outbox-title = Boîte d’envoi de développement
outbox-intro = Le groupe d’utilisateurs de développement local n’envoie ni e-mails ni SMS. Tout ce qu’il aurait envoyé est listé ici, du plus récent au plus ancien.
outbox-empty = Rien n’a encore été envoyé.
outbox-caption = Messages que le groupe d’utilisateurs local aurait envoyés
outbox-sent_at = Envoyé le
outbox-destination = Destinataire
outbox-purpose = Objet
outbox-purpose_sign_up = Confirmer une inscription
outbox-purpose_forgot_password = Réinitialiser un mot de passe
outbox-purpose_mfa = Code de connexion
outbox-purpose_verify_attribute = Vérifier une adresse
outbox-purpose_invitation = Invitation
outbox-code = Code
outbox-message = Message

not_found-title = Page introuvable
not_found-body = Il n’y a aucune page à cette adresse.
not_found-home = Aller à la page d’accueil

csrf-title = Formulaire expiré
csrf-invalid = Ce formulaire n’a pas pu être accepté, car il a été ouvert il y a trop longtemps ou dans une autre fenêtre. Revenez en arrière, rechargez la page et réessayez.
csrf-back = Retour à la connexion

forbidden-title = Accès non autorisé pour ce compte
forbidden-body = Votre session est bien ouverte, mais ce compte n’a pas accès à cette page. Si vous pensez qu’il devrait y avoir accès, demandez à votre administrateur de l’ajouter au bon groupe.
forbidden-account = Aller à votre compte
account-groups = Groupes
account-groups_hint = Votre administrateur décide des groupes dont vous faites partie. Toute modification apparaît ici dans l’heure, ou lors de votre prochaine connexion.

too_large-title = Trop de données
too_large-body = Le formulaire a envoyé plus de données que nous n’en acceptons.
unavailable-title = Service indisponible
bad_request-title = Formulaire non accepté

# Authentification multifacteur (étapes de connexion et section sécurité du compte)

field-mfa_code = Code de vérification
field-new_password = Nouveau mot de passe
field-device_name = Nom de l’appareil (facultatif)

challenge-app_code_title = Saisissez votre code de vérification
challenge-app_code_intro = Ouvrez votre application d’authentification et saisissez le code à 6 chiffres qu’elle affiche pour ce site.
challenge-sms_title = Consultez votre téléphone
challenge-sms_intro = Nous avons envoyé un code à 6 chiffres par SMS au { $destination }. Il est valable 3 minutes.
challenge-email_title = Consultez vos e-mails
challenge-email_intro = Nous avons envoyé un code à 6 chiffres à { $destination }. Il est valable 3 minutes.
challenge-new_password_title = Choisissez votre mot de passe
challenge-new_password_intro = Vous avez utilisé un mot de passe temporaire pour vous connecter. Choisissez le vôtre pour continuer.
challenge-set_password = Définir le mot de passe et continuer
challenge-select_title = Comment souhaitez-vous vérifier votre identité ?
challenge-select_intro = Choisissez comment recevoir votre code de vérification
challenge-setup_title = Configurer la vérification en deux étapes
challenge-setup_intro = Votre compte exige une deuxième étape lors de la connexion. Choisissez comment la configurer
challenge-setup_sms_later = Pour recevoir des codes par SMS, votre compte doit comporter un numéro de téléphone. Choisissez une autre méthode pour le moment ; vous pourrez ajouter un numéro de téléphone dans votre compte par la suite.
challenge-setup_sms_only = Ce site envoie les codes de connexion par SMS, et votre compte n’a pas encore de numéro de téléphone. Veuillez contacter l’assistance du site pour en ajouter un, puis reconnectez-vous.
challenge-verify = Vérifier
challenge-continue = Continuer
challenge-new_code = Envoyer un nouveau code (se reconnecter)
challenge-lost_app_title = Vous ne pouvez pas utiliser votre application d’authentification ?
challenge-lost_app_body = Si vous n’avez plus l’appareil sur lequel se trouve l’application, contactez l’assistance. Elle peut désactiver la vérification en deux étapes pour votre compte, afin que vous puissiez vous connecter et configurer un nouvel appareil.
challenge-contact_support = Contacter l’assistance

mfa-choose = Choisissez l’une des options.
mfa-factor-totp = Application d’authentification
mfa-factor-sms = SMS
mfa-factor-email = E-mail
mfa-pool-off = Ce site n’utilise pas la vérification en deux étapes.
mfa-pool-optional = La vérification en deux étapes est facultative, mais recommandée.
mfa-pool-on = Ce site exige la vérification en deux étapes.
mfa-state_preferred = activé, par défaut
mfa-state_on = activé
mfa-state_off = désactivé
mfa-sms_needs_phone = Ajoutez un numéro de téléphone à votre profil pour utiliser les SMS.
mfa-set_up_app = Configurer une application d’authentification
mfa-enable-sms = Activer les SMS
mfa-enable-email = Activer les codes par e-mail
mfa-enable-totp = Configurer une application d’authentification
mfa-disable-totp = Désactiver l’application d’authentification
mfa-disable-sms = Désactiver les SMS
mfa-disable-email = Désactiver les codes par e-mail
mfa-make_preferred = Définir par défaut
mfa-totp_on = Votre application d’authentification est configurée. Un code vous sera demandé lors de la connexion.
mfa-totp_off = L’application d’authentification est désactivée.
mfa-sms_on = Les codes par SMS sont activés.
mfa-sms_off = Les codes par SMS sont désactivés.
mfa-email_on = Les codes par e-mail sont activés.
mfa-email_off = Les codes par e-mail sont désactivés.
mfa-preferred_set = Votre méthode de vérification par défaut est enregistrée.
mfa-refused = Cette modification n’a pas été acceptée. Vérifiez que la méthode est configurée.
mfa-not_allowed = Ce site ne propose pas cette méthode de vérification.

account-security = Vérification en deux étapes

totp-title = Configurer une application d’authentification
totp-intro = Ajoutez { $account } à une application d’authentification, comme 1Password, Google Authenticator ou Microsoft Authenticator.
totp-qr_alt = Code QR pour ajouter ce compte à une application d’authentification
totp-step_scan = Scannez le code QR avec votre application d’authentification, ou saisissez la clé ci-dessous.
totp-step_code = Saisissez le code à 6 chiffres affiché par l’application.
totp-cannot_scan = Impossible de scanner le code ? Saisissez cette clé dans l’application :
totp-open_in_app = Ouvrir dans une application d’authentification sur cet appareil
totp-verify = Vérifier et activer
totp-cancel = Annuler et revenir à votre compte

# Récupération du mot de passe, profil, e-mail et téléphone, changement de
# mot de passe, sessions et suppression du compte (ticket 5).
field-new_email = Nouvelle adresse e-mail
field-new_phone = Nouveau numéro de téléphone
field-current_password = Mot de passe actuel
field-reset_code = Code de réinitialisation
field-verification_code = Code de vérification
field-delete_confirm = Saisissez { $word } pour confirmer

sign_in-forgot_password = Mot de passe oublié ?

forgot_password-title = Réinitialiser votre mot de passe
forgot_password-intro = Saisissez l’adresse e-mail avec laquelle vous avez créé votre compte. Nous vous enverrons un code pour définir un nouveau mot de passe.
forgot_password-intro_username = Saisissez votre nom d’utilisateur. Nous enverrons un code à l’adresse e-mail associée au compte.
forgot_password-submit = Envoyer le code
forgot_password-back_to_sign_in = Retour à la connexion

reset_password-title = Choisissez un nouveau mot de passe
reset_password-intro = Si l’adresse { $destination } est associée à un compte, nous y avons envoyé un code de réinitialisation. Il est valable une heure. Saisissez-le et choisissez un nouveau mot de passe.
reset_password-intro_account = Si le compte existe, nous avons envoyé un code de réinitialisation à son adresse e-mail. Il est valable une heure. Saisissez-le et choisissez un nouveau mot de passe.
reset_password-submit = Définir le nouveau mot de passe
reset_password-start_over = Utiliser une autre adresse e-mail
reset_password-required = Vous devez réinitialiser votre mot de passe avant de pouvoir vous connecter. Nous avons envoyé un code de réinitialisation à { $destination }.
reset_password-required_account = Vous devez réinitialiser votre mot de passe avant de pouvoir vous connecter. Nous avons envoyé un code de réinitialisation à l’adresse e-mail associée au compte.
reset_password-code_resent = Si le compte existe, nous avons envoyé un nouveau code de réinitialisation.
reset_password-no_flow = Commencez par demander un code de réinitialisation.
reset_password-done = Votre mot de passe a été modifié. Connectez-vous avec votre nouveau mot de passe.

phone-invalid = Saisissez un numéro de téléphone avec l’indicatif du pays, comme +44 20 7946 0958.

profile-title = Modifier votre profil
profile-intro = Laissez un champ vide pour le supprimer de votre compte.
profile-submit = Enregistrer le profil
profile-saved = Votre profil est enregistré.
profile-unchanged = Aucune modification n’a été apportée à votre profil.
profile-not_saved = Impossible d’enregistrer votre profil. Vérifiez les champs et réessayez.
profile-locale_invalid = Saisissez un code de langue comme en, fr ou pt-BR.
profile-locale_hint = La langue des messages concernant votre compte.
profile-locale_none = Non définie

contact-email_title = Modifier votre adresse e-mail
contact-phone_title = Modifier votre numéro de téléphone
contact-current_email = Votre adresse e-mail est { $value }.
contact-current_phone = Votre numéro de téléphone est le { $value }.
contact-email_hint = Nous enverrons un code à la nouvelle adresse pour vérifier qu’elle vous appartient.
contact-phone_hint = Indiquez l’indicatif du pays, comme +44 20 7946 0958. Nous enverrons un code par SMS au nouveau numéro. Laissez le champ vide pour supprimer votre numéro.
contact-submit = Envoyer le code
contact-unchanged = Aucun changement : cette valeur est déjà celle de votre compte.
contact-phone_removed = Votre numéro de téléphone a été supprimé.
contact-code_not_sent = Votre modification est enregistrée, mais nous n’avons pas pu envoyer de code. Vous pourrez la vérifier plus tard depuis la page de votre compte.

verify-email_title = Vérifiez votre adresse e-mail
verify-phone_title = Vérifiez votre numéro de téléphone
verify-intro = Saisissez le code à 6 chiffres envoyé à { $value }.
verify-intro_pending = Saisissez le code à 6 chiffres envoyé à { $value }. En attendant, votre compte conserve { $old }, qui permet toujours de vous connecter.
verify-submit = Vérifier
verify-code_resent = Nous vous avons envoyé un nouveau code.
verify-email_done = Votre adresse e-mail est vérifiée.
verify-phone_done = Votre numéro de téléphone est vérifié.

change_password-title = Modifier votre mot de passe
change_password-submit = Modifier le mot de passe
change_password-wrong_current = Ce n’est pas votre mot de passe actuel.
change_password-done = Votre mot de passe a été modifié.

sign_out_everywhere-title = Se déconnecter partout ?
sign_out_everywhere-intro = Cette action ferme vos sessions sur tous les appareils et applications où vous êtes connecté, y compris celui-ci. Vous devrez vous reconnecter.
sign_out_everywhere-submit = Se déconnecter partout

delete_account-title = Supprimer votre compte
delete_account-intro = Votre compte et tout son contenu seront supprimés définitivement. Cette action est irréversible.
delete_account-submit = Supprimer mon compte
delete_account-word = SUPPRIMER
delete_account-word_mismatch = Pour confirmer, saisissez le mot exactement tel qu’il est affiché, en lettres majuscules.

goodbye-title = Au revoir
goodbye-body = Votre compte a été supprimé et votre session est fermée. Merci pour le temps passé avec nous.
goodbye-sign_up = Créer un nouveau compte

account-back = Retour à votre compte
account-cancel = Annuler et rester connecté
account-edit_profile = Modifier le profil
account-change_email = Modifier l’adresse e-mail
account-change_phone = Modifier le numéro de téléphone
account-change_password = Modifier le mot de passe
account-delete_heading = Supprimer le compte
account-delete = Supprimer votre compte…
account-enter_code = Saisir le code
account-verify_now = Envoyer un code de vérification
account-unverified_email = Votre adresse e-mail { $value } n’est pas encore vérifiée.
account-unverified_phone = Votre numéro de téléphone { $value } n’est pas encore vérifié.
account-pending_email = Votre nouvelle adresse e-mail { $value } est en attente de son code de vérification.
account-pending_email_kept = Votre nouvelle adresse e-mail { $value } est en attente de son code de vérification. En attendant, votre compte conserve { $old }, qui permet toujours de vous connecter.
account-pending_phone = Votre nouveau numéro de téléphone { $value } est en attente de son code de vérification.
account-pending_phone_kept = Votre nouveau numéro de téléphone { $value } est en attente de son code de vérification. En attendant, votre compte conserve { $old }.

confirm_identity-title = Confirmez votre identité
confirm_identity-intro = Pour votre sécurité, saisissez à nouveau votre mot de passe avant d’effectuer cette modification.
confirm_identity-required = Saisissez à nouveau votre mot de passe pour continuer.
confirm_identity-wrong_password = Ce mot de passe est incorrect.
confirm_identity-submit = Continuer

rate_limited-title = Trop de tentatives
rate_limited-body = { $minutes ->
    [one] Il y a eu trop de tentatives. Réessayez dans une minute.
   *[other] Il y a eu trop de tentatives. Réessayez dans { $minutes } minutes.
}

# choice-based sign-in and passkeys
sign_in-continue = Continuer
challenge-first_factor_title = Comment voulez-vous vous connecter ?
challenge-first_factor_intro = Connexion en tant que { $name }.
challenge-or = ou
challenge-send_email_code = M'envoyer un code par e-mail
challenge-send_sms_code = M'envoyer un code par SMS
challenge-use_passkey = Se connecter avec une clé d'accès
challenge-passkey_title = Utilisez votre clé d'accès
challenge-passkey_intro = Votre navigateur vous demandera de confirmer avec la clé d'accès enregistrée sur cet appareil, votre téléphone ou votre gestionnaire de mots de passe.
challenge-other_ways = Autres façons de se connecter
challenge-not_you = Ce n'est pas vous ? Recommencer
passkey-failed = Aucune clé d'accès n'a été utilisée. Réessayez, ou choisissez une autre façon.
passkey-refused = Cette clé d'accès ne permet pas de se connecter à ce compte. Choisissez une autre façon.
passkey-needs_script = Les clés d'accès nécessitent un navigateur avec JavaScript qui les prend en charge. Les autres façons de se connecter fonctionnent sans.
passkey-not_available = Les clés d'accès ne sont pas disponibles sur ce site pour le moment.
passkey-expired = La création de la clé d'accès a pris trop de temps. Recommencez.
passkey-not_supported = Cette clé d'accès n'a pas pu être ajoutée. Essayez un autre appareil ou gestionnaire de mots de passe.
passkey-added = Votre clé d'accès a été ajoutée. La prochaine fois, vous pourrez vous connecter avec.
passkey-deleted = La clé d'accès a été supprimée. Elle ne permet plus de se connecter à votre compte.
passkeys-title = Clés d'accès
passkeys-intro = Une clé d'accès vous connecte avec votre empreinte, votre visage, le verrouillage de l'écran ou une clé de sécurité, sans mot de passe à saisir ni à voler.
passkeys-none = Vous n'avez pas encore de clé d'accès.
passkeys-unnamed = Clé d'accès
passkeys-created = Ajoutée le
passkeys-delete = Supprimer
passkeys-add = Ajouter une clé d'accès
passkeys-create_intro = Votre navigateur vous demandera où enregistrer la nouvelle clé d'accès : cet appareil, votre téléphone ou votre gestionnaire de mots de passe.
passkeys-create = Créer la clé d'accès
passkeys-cancel = Annuler
passkeys-back = Retour à votre compte
account-passkeys = Gérer les clés d'accès
# remembered devices
devices-remember = Se souvenir de ce navigateur
devices-remember_hint = Aucun code ne vous sera demandé lors de vos prochaines connexions ici. Ne cochez cette case que sur un appareil que vous êtes seul à utiliser.
devices-remembered = Ce navigateur est mémorisé : la prochaine fois que vous vous connecterez ici, aucun code ne sera nécessaire.
devices-heading = Navigateurs mémorisés
devices-intro = Ces navigateurs se connectent sans deuxième étape. Oubliez ceux que vous n’utilisez plus.
devices-none = Aucun navigateur n’est mémorisé.
devices-unnamed = Navigateur sans nom
devices-last_used = Dernière utilisation : { $when }
devices-this_browser = Ce navigateur
devices-forget = Oublier
devices-forgotten = Le navigateur est oublié. Un code lui sera demandé à sa prochaine connexion.
devices-not_found = Ce navigateur n’est plus mémorisé.

# sign-up without a password; confirming identity with choice-based sign-in
sign_up-password_optional = Pas de mot de passe ? Laissez le champ vide : vous vous connecterez avec un code envoyé par e-mail, et pourrez ajouter une clé d'accès plus tard.
sign_up-password_needed = Ce site exige un mot de passe pour chaque compte.
confirm_identity-intro_choice = Pour votre sécurité, reconnectez-vous avant cette modification.
