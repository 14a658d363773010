//! Property tests that try to get what may not leave onto a tour's laptop: the random libraries
//! of the kits' leak tests (classifications on assets and reportages, items in several
//! reportages, real photos and films with a marker in every text), random check-outs of their
//! items. The tour folder must hold no byte, no name and no identifier of anything internal or
//! classified (counting the reportages it is in), nor of anything not asked for; what may go
//! must all be there; what may not is named as left behind. `MEDIADESK_LEAK_CASES=N` runs more.

use std::collections::BTreeSet;
use std::path::Path;

use proptest::prelude::*;

use crate::jobs::{CancelToken, JobCtx};
use crate::kits::build_leak_tests::with_files;
use crate::kits::leak_tests::{build as library_of, world, World};
use crate::tour::CheckoutRequest;
use crate::translation::Item;

fn cases() -> u32 {
    std::env::var("MEDIADESK_LEAK_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

/// Every file under `dir`: its path, and its bytes as text (lowercased too: the search index
/// keeps words folded).
fn everything(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let text = String::from_utf8_lossy(&std::fs::read(e.path()).expect("read")).into_owned();
            (e.path().to_string_lossy().into_owned(), format!("{text}\n{}", text.to_lowercase()))
        })
        .collect()
}

fn check(w: &World, previews_only: bool) -> Result<(), TestCaseError> {
    let (dir, library, _kit) = library_of(w);
    let mut library = library;
    with_files(&library, dir.path(), w);
    let mut asked: Vec<(bool, usize)> = Vec::new();
    for i in &w.items {
        if !asked.contains(i) {
            asked.push(*i);
        }
    }
    let reference = |&(is_r, i): &(bool, usize)| if is_r { format!("r:{}", i + 1) } else { (i + 1).to_string() };
    // The model: what goes, apart from the gate.
    let (mut assets, mut reportages) = (BTreeSet::new(), BTreeSet::new());
    let mut left: Vec<String> = Vec::new();
    for item in &asked {
        let name = reference(item);
        if !w.may_tour(&name) {
            left.push(name);
        } else if item.0 {
            reportages.insert(item.1 + 1);
            assets.extend(w.reportages[item.1].items.iter().map(|a| a + 1));
        } else {
            assets.insert(item.1 + 1);
        }
    }
    let items: Vec<Item> = asked
        .iter()
        .map(|&(is_r, i)| if is_r { Item::Reportage(i as i64 + 1) } else { Item::Asset(i as i64 + 1) })
        .collect();
    // What the window shows before a check-out says what the check-out will do.
    let preview = library.tour_preview(&items).expect("preview");
    prop_assert_eq!(preview.assets as usize, assets.len());
    prop_assert_eq!(preview.reportages as usize, reportages.len());
    prop_assert_eq!(preview.refused.iter().map(|r| r.item.clone()).collect::<Vec<_>>(), left.clone());
    prop_assert!(preview.refused.iter().all(|r| r.classification != crate::catalog::Classification::Public));
    let to = dir.path().join("tour");
    let ctx = JobCtx::new(CancelToken::default(), |_| {});
    let outcome = library.tour_checkout(&CheckoutRequest { to: to.clone(), previews_only, items }, "test", &ctx);
    if assets.is_empty() {
        prop_assert!(outcome.is_err(), "a check-out of nothing that may go was made");
        prop_assert!(!to.exists() || everything(&to).is_empty());
        return Ok(());
    }
    let checkout = outcome.expect("checkout");
    prop_assert_eq!(checkout.assets as usize, assets.len());
    prop_assert_eq!(checkout.reportages as usize, reportages.len());
    let refused: Vec<String> = checkout.refused.iter().map(|r| r.item.clone()).collect();
    prop_assert_eq!(&refused, &left);
    let files = everything(&to);
    let hashes: Vec<String> = (1..=w.assets.len() as i64)
        .map(|i| {
            library.conn().query_row("SELECT content_hash FROM assets WHERE id = ?1", [i], |r| r.get(0)).expect("hash")
        })
        .collect();
    for (n, hash) in hashes.iter().enumerate() {
        let i = n + 1;
        let went = assets.contains(&i);
        let traces =
            [format!("MARKA{i}Z"), format!("MARKH{i}Z"), format!("MARKS{i}Z"), format!("MARKT{i}Z"), hash.clone()];
        let names = [format!("/{i}.jpg"), format!("/{i}.mp4"), hash.clone()];
        for (path, text) in &files {
            for t in &traces {
                prop_assert!(went || !text.contains(t.as_str()), "{} of asset {} went to the tour in {}", t, i, path);
            }
            for name in &names {
                prop_assert!(went || !path.contains(name.as_str()), "a file of asset {} went: {}", i, path);
            }
        }
        if went {
            prop_assert!(files.iter().any(|(_, t)| t.contains(&traces[0])), "asset {}'s caption is missing", i);
            let original = files.iter().any(|(p, _)| p.ends_with(&names[0]) || p.ends_with(&names[1]));
            prop_assert_eq!(original, !previews_only, "asset {}'s original", i);
        }
    }
    for r in 1..=w.reportages.len() {
        let trace = format!("MARKR{r}Z");
        for (path, text) in &files {
            prop_assert!(reportages.contains(&r) || !text.contains(&trace), "{} went in {}", trace, path);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn nothing_internal_or_classified_is_ever_checked_out(w in world(), previews_only in any::<bool>()) {
        check(&w, previews_only)?;
    }
}
