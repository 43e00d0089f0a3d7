# Mensagens do Threshold em português do Brasil. Os ids são estáveis: o
# código, os testes e os outros idiomas se referem a eles. No código, um ponto
# separa as partes (`sign_in.title`); aqui ele é escrito como hífen (`sign_in-title`).

layout-skip = Pular para o formulário

footer-links = Links do site
footer-terms = Termos de uso
footer-privacy = Política de privacidade
footer-support = Ajuda e suporte
language-label = Idioma
language-submit = Alterar idioma

error_summary-title = Há um problema

field-email = E-mail
field-username = Nome de usuário
field-password = Senha
field-confirmation_code = Código de confirmação

sign_in-title = Entrar
sign_in-submit = Entrar
sign_in-no_account = Primeira vez aqui?
sign_in-create_account = Criar uma conta
sign_in-incorrect_credentials = E-mail ou senha incorretos.
sign_in-temporary_password_spent = Esta senha temporária já foi usada ou expirou. Peça a quem convidou você para enviar um novo convite.
sign_in-locked_out = Muitas senhas incorretas. O login foi pausado por alguns minutos; aguarde ou redefina sua senha.
sign_in-expired = Sua tentativa de login demorou demais e expirou. Entre novamente.

sign_up-title = Criar sua conta
sign_up-submit = Criar conta
sign_up-have_account = Já tem uma conta?
sign_up-sign_in = Entrar
sign_up-consent = Aceito os termos de uso
sign_up-consent_link = Ler os termos de uso
sign_up-consent_missing = Aceite os termos de uso para criar uma conta.

confirm-title = Confira seu e-mail
confirm-intro = Digite o código de 6 dígitos que enviamos para { $destination }. Ele vale por 24 horas.
confirm-submit = Confirmar
confirm-resend = Enviar um novo código
confirm-wrong_address = E-mail errado? Comece de novo com o endereço certo
confirm-dev_outbox_intro = Executando no pool local de desenvolvimento: nenhum e-mail é enviado.
confirm-dev_outbox_link = Abrir a caixa de saída de desenvolvimento
confirm-confirmed = Sua conta foi confirmada. Entre para continuar.
confirm-signed_in = Sua conta foi confirmada e você já entrou.
confirm-code_resent = Enviamos um novo código para você.
confirm-no_flow = Comece criando uma conta.
confirm-not_confirmed = Sua conta ainda não foi confirmada. Enviamos um novo código para você.

code-missing = Digite o código.
code-format = O código tem 6 dígitos.
code-mismatch = Esse código não está correto. Confira e tente novamente.
code-expired = Esse código expirou. Peça um novo.
code-too_many_attempts = Muitos códigos incorretos. Aguarde alguns minutos e peça um novo código.

email-missing = Digite seu endereço de e-mail.
email-invalid = Digite um endereço de e-mail como name@example.com.
username-missing = Digite seu nome de usuário.
username-invalid = Digite um nome de usuário sem espaços nem @.
password-missing = Digite sua senha.
password-too_long = A senha pode ter no máximo 256 caracteres.
password-rejected = A senha não foi aceita. Escolha outra que atenda aos requisitos.
password-rules_title = Requisitos da senha
password-rule-min_length = pelo menos { $count } caracteres
password-rule-uppercase = uma letra maiúscula
password-rule-lowercase = uma letra minúscula
password-rule-digit = um número
password-rule-symbol = um símbolo, como ! ou #
password-rule_met = atendido
password-rule_unmet = pendente
password-needs_min_length = { $count ->
    [one] Use pelo menos { $count } caractere.
   *[other] Use pelo menos { $count } caracteres.
}
password-needs_uppercase = Adicione uma letra maiúscula.
password-needs_lowercase = Adicione uma letra minúscula.
password-needs_digit = Adicione um número.
password-needs_symbol = Adicione um símbolo, como ! ou #.
password-show = Mostrar senha

attribute-missing = Este campo é obrigatório.
attribute-too_long = Este campo é longo demais (máximo de 256 caracteres).
attribute-invalid_characters = Este campo contém caracteres não permitidos.
attribute-email = E-mail
attribute-name = Nome completo
attribute-given_name = Nome
attribute-family_name = Sobrenome
attribute-middle_name = Nome do meio
attribute-nickname = Apelido
attribute-preferred_username = Nome de usuário preferido
attribute-phone_number = Número de telefone
attribute-locale = Idioma
attribute-birthdate = Data de nascimento
attribute-website = Site
attribute-address = Endereço

error-rate_limited = Muitas tentativas. Aguarde alguns minutos e tente novamente.
error-invalid_input = Algo no formulário não foi aceito. Confira e tente novamente.
error-unexpected = Algo deu errado do nosso lado. Tente novamente daqui a pouco.
error-unavailable = O serviço de login está indisponível no momento. Tente novamente daqui a pouco.
error-try_again = Tentar novamente

session-ended = Sua sessão foi encerrada. Entre novamente.

sign_out-done = Você saiu da sua conta.
sign_out-everywhere_done = Você saiu da sua conta em todos os seus dispositivos.

account-title = Sua conta
account-profile = Perfil
account-sessions = Sair da conta
account-sign_out = Sair
account-sign_out_everywhere = Sair de todos os dispositivos
account-sign_out_everywhere_hint = Ao sair de todos os dispositivos, suas sessões são encerradas em todos os dispositivos e apps em até uma hora.
account-verified = verificado
account-unverified = não verificado

challenge-unsupported_title = É necessária mais uma etapa
challenge-unsupported = Sua conta pede uma etapa de login que este site ainda não consegue processar ({ $challenge }). Fale com o suporte.
challenge-start_over = Começar de novo

outbox-title = Caixa de saída de desenvolvimento
outbox-intro = O pool local de desenvolvimento não envia e-mails nem SMS. Tudo o que ele teria enviado aparece aqui, do mais recente para o mais antigo.
outbox-empty = Nada foi enviado ainda.
outbox-caption = Mensagens que o pool local teria enviado
outbox-sent_at = Enviada em
outbox-destination = Para
outbox-purpose = Finalidade
outbox-purpose_sign_up = Confirmar um cadastro
outbox-purpose_forgot_password = Redefinir uma senha
outbox-purpose_mfa = Código de login
outbox-purpose_verify_attribute = Verificar um endereço
outbox-purpose_invitation = Convite
outbox-code = Código
outbox-message = Mensagem

not_found-title = Página não encontrada
not_found-body = Não há nenhuma página neste endereço.
not_found-home = Ir para a página inicial

csrf-title = Formulário expirado
csrf-invalid = Não foi possível aceitar este formulário porque ele foi aberto há muito tempo ou em outra janela. Volte, recarregue a página e tente novamente.
csrf-back = Voltar para o login

forbidden-title = Não disponível para esta conta
forbidden-body = Você entrou com esta conta, mas ela não tem acesso a esta página. Se acha que deveria ter, peça ao seu administrador para adicioná-la ao grupo certo.
forbidden-account = Ir para sua conta
account-groups = Grupos
account-groups_hint = Seu administrador decide de quais grupos você faz parte. Uma alteração aparece aqui em até uma hora ou na próxima vez que você entrar.

too_large-title = Dados demais
too_large-body = O formulário enviou mais dados do que aceitamos.
unavailable-title = Indisponível
bad_request-title = Formulário não aceito

# Autenticação multifator (etapas de login e a seção de segurança da conta)

field-mfa_code = Código de verificação
field-new_password = Nova senha
field-device_name = Nome do dispositivo (opcional)

challenge-app_code_title = Digite seu código de verificação
challenge-app_code_intro = Abra seu app autenticador e digite o código de 6 dígitos que ele mostra para este site.
challenge-sms_title = Confira seu celular
challenge-sms_intro = Enviamos um código de 6 dígitos por SMS para { $destination }. Ele vale por 3 minutos.
challenge-email_title = Confira seu e-mail
challenge-email_intro = Enviamos um código de 6 dígitos para { $destination }. Ele vale por 3 minutos.
challenge-new_password_title = Escolha sua senha
challenge-new_password_intro = Você entrou com uma senha temporária. Escolha sua própria senha para continuar.
challenge-set_password = Definir senha e continuar
challenge-select_title = Como você quer fazer a verificação?
challenge-select_intro = Escolha como receber seu código de verificação
challenge-setup_title = Configurar a verificação em duas etapas
challenge-setup_intro = Sua conta precisa de uma segunda etapa no login. Escolha como configurá-la
challenge-setup_sms_later = Para receber códigos por SMS, sua conta precisa ter um número de telefone. Escolha outro método agora; depois, você pode adicionar um número de telefone na sua conta.
challenge-setup_sms_only = Este site envia códigos de login por SMS, e sua conta ainda não tem um número de telefone. Peça ao suporte do site para adicionar um e depois entre novamente.
challenge-verify = Verificar
challenge-continue = Continuar
challenge-new_code = Enviar um novo código (entrar novamente)
challenge-lost_app_title = Não consegue usar seu app autenticador?
challenge-lost_app_body = Se você não tem mais o dispositivo com o app, fale com o suporte. A equipe pode desativar a verificação em duas etapas da sua conta para você entrar e configurar um novo dispositivo.
challenge-contact_support = Falar com o suporte

mfa-choose = Escolha uma das opções.
mfa-factor-totp = App autenticador
mfa-factor-sms = Mensagem de texto (SMS)
mfa-factor-email = E-mail
mfa-pool-off = Este site não usa verificação em duas etapas.
mfa-pool-optional = A verificação em duas etapas é opcional e recomendada.
mfa-pool-on = Este site exige verificação em duas etapas.
mfa-state_preferred = ativado, preferido
mfa-state_on = ativado
mfa-state_off = desativado
mfa-sms_needs_phone = Adicione um número de telefone ao seu perfil para usar SMS.
mfa-set_up_app = Configurar um app autenticador
mfa-enable-sms = Ativar SMS
mfa-enable-email = Ativar códigos por e-mail
mfa-enable-totp = Configurar um app autenticador
mfa-disable-totp = Desativar o app autenticador
mfa-disable-sms = Desativar SMS
mfa-disable-email = Desativar códigos por e-mail
mfa-make_preferred = Tornar preferido
mfa-totp_on = Seu app autenticador está configurado. Um código será pedido quando você entrar.
mfa-totp_off = O app autenticador foi desativado.
mfa-sms_on = Os códigos por SMS foram ativados.
mfa-sms_off = Os códigos por SMS foram desativados.
mfa-email_on = Os códigos por e-mail foram ativados.
mfa-email_off = Os códigos por e-mail foram desativados.
mfa-preferred_set = Seu método de verificação preferido foi salvo.
mfa-refused = Essa alteração não foi aceita. Confira se o método está configurado.
mfa-not_allowed = Este site não oferece esse método de verificação.

account-security = Verificação em duas etapas

totp-title = Configurar um app autenticador
totp-intro = Adicione { $account } a um app autenticador, como 1Password, Google Authenticator ou Microsoft Authenticator.
totp-qr_alt = QR code para adicionar esta conta a um app autenticador
totp-step_scan = Escaneie o QR code com seu app autenticador ou digite a chave abaixo.
totp-step_code = Digite o código de 6 dígitos que o app mostra.
totp-cannot_scan = Não consegue escanear? Digite esta chave no app:
totp-open_in_app = Abrir em um app autenticador neste dispositivo
totp-verify = Verificar e ativar
totp-cancel = Cancelar e voltar para sua conta

# Recuperação de senha, perfil, e-mail e telefone, alteração de senha, sessões
# e exclusão da conta (issue 5).
field-new_email = Novo endereço de e-mail
field-new_phone = Novo número de telefone
field-current_password = Senha atual
field-reset_code = Código de redefinição
field-verification_code = Código de verificação
field-delete_confirm = Digite { $word } para confirmar

sign_in-forgot_password = Esqueceu sua senha?

forgot_password-title = Redefinir sua senha
forgot_password-intro = Digite o endereço de e-mail que você usou no cadastro. Vamos enviar um código para você definir uma nova senha.
forgot_password-intro_username = Digite seu nome de usuário. Vamos enviar um código para o endereço de e-mail da conta.
forgot_password-submit = Enviar código
forgot_password-back_to_sign_in = Voltar para o login

reset_password-title = Escolha uma nova senha
reset_password-intro = Se { $destination } pertencer a uma conta, enviamos um código de redefinição para esse endereço. Ele vale por uma hora. Digite o código e escolha uma nova senha.
reset_password-intro_account = Se a conta existir, enviamos um código de redefinição para o endereço de e-mail dela. Ele vale por uma hora. Digite o código e escolha uma nova senha.
reset_password-submit = Definir nova senha
reset_password-start_over = Usar outro endereço de e-mail
reset_password-required = Você precisa redefinir sua senha antes de entrar. Enviamos um código de redefinição para { $destination }.
reset_password-required_account = Você precisa redefinir sua senha antes de entrar. Enviamos um código de redefinição para o endereço de e-mail da conta.
reset_password-code_resent = Se a conta existir, enviamos um novo código de redefinição.
reset_password-no_flow = Comece pedindo um código de redefinição.
reset_password-done = Sua senha foi alterada. Entre com a nova senha.

phone-invalid = Digite um número de telefone com o código do país, como +44 20 7946 0958.

profile-title = Editar seu perfil
profile-intro = Deixe um campo vazio para removê-lo da sua conta.
profile-submit = Salvar perfil
profile-saved = Seu perfil foi salvo.
profile-unchanged = Nada mudou no seu perfil.
profile-not_saved = Não foi possível salvar seu perfil. Confira os campos e tente novamente.
profile-locale_invalid = Digite um código de idioma como en, fr ou pt-BR.
profile-locale_hint = O idioma das mensagens sobre sua conta.
profile-locale_none = Não definido

contact-email_title = Alterar seu endereço de e-mail
contact-phone_title = Alterar seu número de telefone
contact-current_email = Seu endereço de e-mail é { $value }.
contact-current_phone = Seu número de telefone é { $value }.
contact-email_hint = Vamos enviar um código para o novo endereço para confirmar que ele é seu.
contact-phone_hint = Inclua o código do país, como +44 20 7946 0958. Vamos enviar um código por SMS para o novo número. Deixe em branco para remover seu número.
contact-submit = Enviar código
contact-unchanged = Esse já é o seu endereço; nada mudou.
contact-phone_removed = Seu número de telefone foi removido.
contact-code_not_sent = Sua alteração foi salva, mas não conseguimos enviar um código. Faça a verificação depois pela página da sua conta.

verify-email_title = Verifique seu endereço de e-mail
verify-phone_title = Verifique seu número de telefone
verify-intro = Digite o código de 6 dígitos que enviamos para { $value }.
verify-intro_pending = Digite o código de 6 dígitos que enviamos para { $value }. Até lá, { $old } continua na sua conta e ainda pode ser usado para entrar.
verify-submit = Verificar
verify-code_resent = Enviamos um novo código para você.
verify-email_done = Seu endereço de e-mail foi verificado.
verify-phone_done = Seu número de telefone foi verificado.

change_password-title = Alterar sua senha
change_password-submit = Alterar senha
change_password-wrong_current = Essa não é sua senha atual.
change_password-done = Sua senha foi alterada.

sign_out_everywhere-title = Sair de todos os dispositivos?
sign_out_everywhere-intro = Você vai sair da sua conta em todos os dispositivos e apps em que entrou, incluindo este. Depois, vai precisar entrar novamente.
sign_out_everywhere-submit = Sair de todos os dispositivos

delete_account-title = Excluir sua conta
delete_account-intro = Isso exclui sua conta e tudo o que há nela de forma permanente. Não é possível desfazer.
delete_account-submit = Excluir minha conta
delete_account-word = EXCLUIR
delete_account-word_mismatch = Digite a palavra exatamente como mostrada, em letras maiúsculas, para confirmar.

goodbye-title = Até mais
goodbye-body = Sua conta foi excluída e você saiu. Agradecemos pelo tempo que você passou com a gente.
goodbye-sign_up = Criar uma nova conta

account-back = Voltar para sua conta
account-cancel = Cancelar e continuar na conta
account-edit_profile = Editar perfil
account-change_email = Alterar endereço de e-mail
account-change_phone = Alterar número de telefone
account-change_password = Alterar senha
account-delete_heading = Excluir conta
account-delete = Excluir sua conta…
account-enter_code = Digitar o código
account-verify_now = Enviar um código para verificar
account-unverified_email = Seu endereço de e-mail { $value } ainda não foi verificado.
account-unverified_phone = Seu número de telefone { $value } ainda não foi verificado.
account-pending_email = Seu novo endereço de e-mail { $value } está aguardando o código.
account-pending_email_kept = Seu novo endereço de e-mail { $value } está aguardando o código. Até lá, { $old } continua na sua conta e ainda pode ser usado para entrar.
account-pending_phone = Seu novo número de telefone { $value } está aguardando o código.
account-pending_phone_kept = Seu novo número de telefone { $value } está aguardando o código. Até lá, { $old } continua na sua conta.

confirm_identity-title = Confirme que é você
confirm_identity-intro = Para sua segurança, digite sua senha novamente antes de fazer esta alteração.
confirm_identity-required = Digite sua senha novamente para continuar.
confirm_identity-wrong_password = Essa senha não está correta.
confirm_identity-submit = Continuar

rate_limited-title = Muitas tentativas
rate_limited-body = { $minutes ->
    [one] Houve muitas tentativas. Tente novamente em um minuto.
   *[other] Houve muitas tentativas. Tente novamente em { $minutes } minutos.
}

# choice-based sign-in and passkeys
sign_in-continue = Continuar
challenge-first_factor_title = Como você quer entrar?
challenge-first_factor_intro = Entrando como { $name }.
challenge-or = ou
challenge-send_email_code = Enviar um código por e-mail
challenge-send_sms_code = Enviar um código por SMS
challenge-use_passkey = Entrar com uma chave de acesso
challenge-passkey_title = Use sua chave de acesso
challenge-passkey_intro = Seu navegador vai pedir a confirmação com a chave de acesso salva neste dispositivo, no seu celular ou no seu gerenciador de senhas.
challenge-other_ways = Outras formas de entrar
challenge-not_you = Não é você? Recomeçar
passkey-failed = Nenhuma chave de acesso foi usada. Tente de novo ou escolha outra forma.
passkey-refused = Essa chave de acesso não entra nesta conta. Escolha outra forma de entrar.
passkey-needs_script = Chaves de acesso precisam de um navegador com JavaScript e suporte a elas. As outras formas de entrar funcionam sem isso.
passkey-not_available = Chaves de acesso não estão disponíveis neste site no momento.
passkey-expired = A criação da chave de acesso demorou demais. Comece de novo.
passkey-not_supported = Não foi possível adicionar esta chave de acesso. Tente outro dispositivo ou gerenciador de senhas.
passkey-added = Sua chave de acesso foi adicionada. Na próxima vez você pode entrar com ela.
passkey-deleted = A chave de acesso foi excluída. Ela não entra mais na sua conta.
passkeys-title = Chaves de acesso
passkeys-intro = Uma chave de acesso entra com sua digital, rosto, bloqueio de tela ou chave de segurança, sem senha para digitar ou roubar.
passkeys-none = Você ainda não tem chaves de acesso.
passkeys-unnamed = Chave de acesso
passkeys-created = Adicionada
passkeys-delete = Excluir
passkeys-add = Adicionar uma chave de acesso
passkeys-create_intro = Seu navegador vai perguntar onde salvar a nova chave de acesso: neste dispositivo, no seu celular ou no seu gerenciador de senhas.
passkeys-create = Criar a chave de acesso
passkeys-cancel = Cancelar
passkeys-back = Voltar para sua conta
account-passkeys = Gerenciar chaves de acesso
# remembered devices
devices-remember = Lembrar deste navegador
devices-remember_hint = Não será pedido um código quando você entrar aqui novamente. Marque somente em um dispositivo que só você usa.
devices-remembered = Este navegador foi lembrado: da próxima vez que você entrar aqui, nenhum código será necessário.
devices-heading = Navegadores lembrados
devices-intro = Estes navegadores entram sem uma segunda etapa. Esqueça os que você não usa mais.
devices-none = Nenhum navegador é lembrado.
devices-unnamed = Navegador sem nome
devices-last_used = Último uso: { $when }
devices-this_browser = Este navegador
devices-forget = Esquecer
devices-forgotten = O navegador foi esquecido. Um código será pedido na próxima vez que ele entrar.
devices-not_found = Esse navegador não é mais lembrado.

# sign-up without a password; confirming identity with choice-based sign-in
sign_up-password_optional = Sem senha? Deixe em branco: você vai entrar com um código enviado por e-mail e pode adicionar uma chave de acesso depois.
sign_up-password_needed = Este site precisa de uma senha para cada conta.
confirm_identity-intro_choice = Para sua segurança, entre novamente antes desta alteração.
