//! What the vault's owner says about themselves and their preferences: the settings, the
//! name on their card, and the other spellings of it that sessions they sign may give.

use super::Vault;
use crate::error::Result;
use crate::record::Records;
use crate::settings::Settings;

impl Vault {
    /// Validates and saves the settings durably; returns them as stored.
    pub fn save_settings(&mut self, settings: Settings) -> Result<&Settings> {
        let settings = settings.validated()?;
        Records::new(&mut self.store, &self.codec).put(&settings)?;
        self.settings = settings;
        Ok(&self.settings)
    }

    /// Sets the name others see on my card (and as the provider name attestations match).
    pub fn set_name(&mut self, name: &str) -> Result<()> {
        let name = crate::person_name::person_name("name", name)?;
        let mut profile = self.profile.clone();
        profile.name = name;
        Records::new(&mut self.store, &self.codec).put(&profile)?;
        self.profile = profile;
        Ok(())
    }

    /// Sets the other spellings of my name that sessions may give as their provider (see
    /// [`Profile::provider_spellings`]); replaces the earlier list. Returns them as kept.
    pub fn set_provider_spellings(&mut self, typed: &[String]) -> Result<Vec<String>> {
        let spellings = crate::profile::clean_provider_spellings(&self.profile.name, typed)?;
        let mut profile = self.profile.clone();
        profile.provider_spellings = spellings.clone();
        Records::new(&mut self.store, &self.codec).put(&profile)?;
        self.profile = profile;
        Ok(spellings)
    }
}
