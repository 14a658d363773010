//! Kits as the CLI and the app use them.

use super::preflight::{self, Preflight};
use super::profile::{self, Profile};
use super::store::{self, Kit, KitChange, KitRef, KitSummary, NewKit};
use crate::audit::Subject;
use crate::error::{Error, Result};
use crate::gate::Rule;
use crate::library::Library;
use crate::reportage::is_after;

impl Library {
    /// What an editor names an item by: an asset id or path, or `r:N` for a reportage.
    pub fn kit_ref(&self, reference: &str) -> Result<KitRef> {
        match KitRef::reportage_reference(reference) {
            Some(r) => {
                crate::gate::standing::reportage(self.conn(), r)?;
                Ok(KitRef::Reportage(r))
            }
            None => Ok(KitRef::Asset(self.find_asset(reference)?.id)),
        }
    }

    /// Items as a kit would take them, each with why it may go in no kit at all (its effective
    /// classification is not public): the app greys those and will not add them; the CLI
    /// takes them, and the preflight names them as blockers.
    pub fn kit_candidates(&self, items: &[KitRef]) -> Result<Vec<store::Candidate>> {
        items.iter().map(|i| store::candidate(self.conn(), *i)).collect()
    }

    pub fn new_kit(&mut self, new: &NewKit, items: &[KitRef]) -> Result<Kit> {
        let (now, offset) = (self.now(), self.local_offset());
        let id = self.in_safe_write("", |tx| {
            let id = store::create(tx, new, offset, &now)?;
            store::add(tx, id, items, &now)?;
            Ok(id)
        })?;
        self.kit(id)
    }

    pub fn kit(&self, id: i64) -> Result<Kit> {
        store::get(self.conn(), id)
    }

    pub fn kits(&self) -> Result<Vec<KitSummary>> {
        store::list(self.conn())
    }

    pub fn change_kit(&mut self, id: i64, change: &KitChange) -> Result<Kit> {
        let (now, offset) = (self.now(), self.local_offset());
        self.in_safe_write("", |tx| store::change(tx, id, change, offset, &now))?;
        self.kit(id)
    }

    pub fn add_to_kit(&mut self, id: i64, items: &[KitRef]) -> Result<Kit> {
        let now = self.now();
        self.in_safe_write("", |tx| store::add(tx, id, items, &now))?;
        self.kit(id)
    }

    pub fn remove_from_kit(&mut self, id: i64, items: &[KitRef]) -> Result<Kit> {
        let now = self.now();
        self.in_safe_write("", |tx| store::remove(tx, id, items, &now))?;
        self.kit(id)
    }

    /// When a kit is delivered, as its build judges it: its delivery time, or now if that has
    /// passed (or was never set).
    pub fn delivery_time(&self, kit: &Kit) -> String {
        let now = self.now();
        match &kit.deliver_at {
            Some(at) if is_after(at, &now) => at.clone(),
            _ => now,
        }
    }

    /// The kit's preflight, judged at `at` (a what-if) or at its delivery time.
    pub fn preflight(&self, id: i64, at: Option<&str>) -> Result<Preflight> {
        let kit = self.kit(id)?;
        let profile = profile::get(self.conn(), &kit.profile)?;
        let at = match at {
            Some(t) => crate::catalog::fields::embargo_time(t, self.local_offset())?,
            None => self.delivery_time(&kit),
        };
        preflight::run(self, &kit, &profile, &at)
    }

    /// Accepts a soft finding for one item of a kit, with a reason; audited. Hard rules have no
    /// override, and a finding the kit does not have cannot be accepted.
    pub fn accept_in_kit(&mut self, id: i64, item: &str, rule: Rule, reason: &str, actor: &str) -> Result<Kit> {
        let item = self.kit_ref(item)?.reference();
        if rule.is_hard() {
            return Err(Error::InvalidInput(format!(
                "the rule {} has no override: the item must change, or leave the kit",
                rule.code()
            )));
        }
        let reason = crate::text::clean(reason);
        if reason.is_empty() {
            return Err(Error::InvalidInput("accepting a finding needs a reason (--reason)".into()));
        }
        let check = self.preflight(id, None)?;
        if !check.blockers.iter().chain(&check.accepted).any(|f| f.item == item && f.rule == rule) {
            return Err(Error::InvalidInput(format!("kit {id} has no {} finding for {item} to accept", rule.code())));
        }
        let now = self.now();
        self.in_safe_write(actor, |tx| {
            store::accept(tx, id, &item, rule, &reason, actor, &now)?;
            let subject = match KitRef::reportage_reference(&item) {
                Some(r) => Subject::Reportage(r),
                None => Subject::Asset(item.parse().unwrap_or_default()),
            };
            let detail = serde_json::json!({ "kit": id, "item": item, "rule": rule.code(), "reason": reason });
            crate::audit::append(tx, &now, actor, "kit_accept", subject, &detail)
        })?;
        self.kit(id)
    }

    pub fn kit_profiles(&self) -> Result<Vec<Profile>> {
        profile::list(self.conn())
    }

    pub fn kit_profile(&self, name: &str) -> Result<Profile> {
        profile::get(self.conn(), name)
    }

    pub fn save_kit_profile(&mut self, profile: &Profile) -> Result<()> {
        let now = self.now();
        self.in_safe_write("", |tx| profile::save(tx, profile, &now))
    }
}
