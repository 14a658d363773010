//! `mediadesk contacts …`: the press office's contacts, given to delegations as vCards.

use std::process::ExitCode;

use clap::Subcommand;
use mediadesk::kits::contacts::NewContact;
use mediadesk::Library;

use crate::print_json;

#[derive(Subcommand)]
pub enum ContactsCommand {
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a contact: a press officer, an interpreter, a unit's spokesperson.
    Add {
        name: String,
        #[arg(long)]
        organisation: Option<String>,
        /// Their title or role
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        url: Option<String>,
        /// A language they speak (repeat for several)
        #[arg(long = "lang")]
        languages: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    Remove {
        id: i64,
    },
}

pub fn run(library: &mut Library, command: ContactsCommand, actor: &str) -> anyhow::Result<ExitCode> {
    match command {
        ContactsCommand::List { json } => {
            let contacts = library.contacts()?;
            if json {
                print_json(&contacts)?;
            } else {
                for c in contacts {
                    let more: Vec<&str> = [&c.title, &c.organisation, &c.email, &c.phone]
                        .into_iter()
                        .flatten()
                        .map(String::as_str)
                        .collect();
                    println!("{:>4}  {}  {}", c.id, c.name, more.join(" · "));
                }
            }
        }
        ContactsCommand::Add { name, organisation, title, email, phone, url, languages, json } => {
            let new = NewContact { name, organisation, title, email, phone, url, languages };
            let c = library.add_contact(&new, actor)?;
            if json {
                print_json(&c)?;
            } else {
                println!("contact {} added: {}", c.id, c.name);
            }
        }
        ContactsCommand::Remove { id } => {
            library.remove_contact(id, actor)?;
            println!("contact {id} removed");
        }
    }
    Ok(ExitCode::SUCCESS)
}
