//! How secret an asset is. Vietnamese law knows three state-secret levels (Mật, Tối mật,
//! Tuyệt mật); a newsroom adds internal material. Only `public` may ever leave in a deliverable.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    Public,
    /// The default for new assets until an editor clears them.
    Internal,
    /// Mật
    Confidential,
    /// Tối mật
    Secret,
    /// Tuyệt mật
    TopSecret,
}

impl Classification {
    pub const ALL: [Classification; 5] = [
        Classification::Public,
        Classification::Internal,
        Classification::Confidential,
        Classification::Secret,
        Classification::TopSecret,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Classification::Public => "public",
            Classification::Internal => "internal",
            Classification::Confidential => "confidential",
            Classification::Secret => "secret",
            Classification::TopSecret => "top_secret",
        }
    }

    /// The word stamped on the material.
    pub fn label_vi(self) -> &'static str {
        match self {
            Classification::Public => "Công khai",
            Classification::Internal => "Nội bộ",
            Classification::Confidential => "Mật",
            Classification::Secret => "Tối mật",
            Classification::TopSecret => "Tuyệt mật",
        }
    }

    /// A state secret (Mật or above): belongs on an isolated machine.
    pub fn is_state_secret(self) -> bool {
        self >= Classification::Confidential
    }
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Accepts the codes, the English names and the Vietnamese words, with or without diacritics.
impl FromStr for Classification {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let folded = crate::text::fold(s).replace(['_', '-'], " ");
        Ok(match folded.split_whitespace().collect::<Vec<_>>().join(" ").as_str() {
            "public" | "cong khai" => Classification::Public,
            "internal" | "noi bo" => Classification::Internal,
            "confidential" | "mat" => Classification::Confidential,
            "secret" | "toi mat" => Classification::Secret,
            "top secret" | "tuyet mat" => Classification::TopSecret,
            _ => {
                return Err(Error::InvalidInput(format!(
                    "unknown classification {s:?}: use public, internal, confidential (Mật), secret (Tối mật) or top_secret (Tuyệt mật)"
                )))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_vietnamese_and_codes() {
        assert_eq!("Tối mật".parse::<Classification>().ok(), Some(Classification::Secret));
        assert_eq!("TUYET MAT".parse::<Classification>().ok(), Some(Classification::TopSecret));
        assert_eq!("mật".parse::<Classification>().ok(), Some(Classification::Confidential));
        assert_eq!("top_secret".parse::<Classification>().ok(), Some(Classification::TopSecret));
        assert!("secretish".parse::<Classification>().is_err());
        for c in Classification::ALL {
            assert_eq!(c.code().parse::<Classification>().ok(), Some(c));
            assert_eq!(c.label_vi().parse::<Classification>().ok(), Some(c));
        }
    }
}
