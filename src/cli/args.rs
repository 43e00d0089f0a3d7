//! The commands' arguments, apart from what runs them: the settings
//! (`config.rs`) hold the parsed command, and the commands read the
//! settings.

/// The commands besides serving the pages.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Create, list and delete users through the pool's admin API (on AWS
    /// with the usual credential chain; on the local pool with none).
    #[command(subcommand)]
    Users(UsersCommand),
    /// Print the emails and text messages the local pool would have sent,
    /// one JSON object per line, oldest first.
    Outbox(OutboxArgs),
    /// Check the settings and reach the pool, the app client and its
    /// signing keys; says in plain words what is wrong.
    CheckConfig,
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum UsersCommand {
    /// Create a user and print it as JSON (username, sub, and what was
    /// generated for it: the password, the authenticator-app secret).
    Create(CreateUser),
    /// Delete a user.
    Delete(DeleteUser),
    /// Print every user as JSON, one per line.
    List,
}

#[derive(Debug, Clone, clap::Args)]
pub struct CreateUser {
    /// The user's email address (verified: an administrator vouches for it).
    #[arg(long)]
    pub email: String,
    /// The username, in pools that sign in with one; the email otherwise.
    #[arg(long)]
    pub username: Option<String>,
    /// The password; a strong one is generated (and printed) when absent.
    /// `THRESHOLD_USER_PASSWORD` keeps it out of the process list.
    #[arg(long, env = "THRESHOLD_USER_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// The password is the user's own and they can sign in with it.
    /// Without it the password is temporary, as for an invited user:
    /// the first sign-in asks for a new one.
    #[arg(long)]
    pub confirmed: bool,
    /// Enrol an authenticator app and make it the preferred MFA method;
    /// the secret is printed as `totp_secret`.
    #[arg(long, requires = "confirmed")]
    pub totp: bool,
    /// A verified phone number in international format (`+15555550100`).
    #[arg(long)]
    pub phone: Option<String>,
    /// A group to put the user in (created when missing); repeatable.
    #[arg(long = "group", value_name = "GROUP")]
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, clap::Args)]
#[group(required = true, multiple = false)]
pub struct DeleteUser {
    /// The user's email address (in pools that sign in with it).
    #[arg(long)]
    pub email: Option<String>,
    /// The username.
    #[arg(long)]
    pub username: Option<String>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct OutboxArgs {
    /// Only messages to this email address or phone number.
    #[arg(long)]
    pub destination: Option<String>,
    /// Keep printing new messages as they are sent, until interrupted.
    #[arg(long)]
    pub follow: bool,
}
