//! Three-way merge of one field: what it was at check-out (the base), what home has now (ours),
//! what the tour has now (theirs). A change on one side only is taken; the same change on both
//! is one change; different changes on both sides are a conflict, never settled silently.
//! Lists merge by element: what either side added is kept, what either side removed goes.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub enum Merged {
    /// Home already holds the result.
    Ours,
    /// Home takes this value.
    Take(Value),
    /// Both sides changed it, differently: home keeps ours until an editor decides.
    Conflict,
    /// A list both sides reordered, differently: home takes this (every element either side
    /// added, none either removed, in home's order) and the order waits for an editor.
    Partly(Value),
}

/// A single value. Without a base (an item both sides came by apart), an empty side takes the
/// other's value and two values are a conflict.
pub fn scalar(base: Option<&Value>, ours: &Value, theirs: &Value) -> Merged {
    if ours == theirs {
        return Merged::Ours;
    }
    match base {
        Some(b) if b == theirs => Merged::Ours,
        Some(b) if b == ours => Merged::Take(theirs.clone()),
        None if theirs.is_null() => Merged::Ours,
        None if ours.is_null() => Merged::Take(theirs.clone()),
        _ => Merged::Conflict,
    }
}

/// A list merged by element, in ours' order with theirs' additions after (in their order);
/// a reordering on one side only is taken; reorderings on both sides leave the order to an
/// editor, never an element.
pub fn list(base: Option<&[Value]>, ours: &[Value], theirs: &[Value]) -> Merged {
    let base = base.unwrap_or(&[]);
    let removed_by_them: Vec<&Value> = base.iter().filter(|b| !theirs.contains(b)).collect();
    let mut result: Vec<Value> = ours.iter().filter(|o| !removed_by_them.contains(o)).cloned().collect();
    for t in theirs {
        if !base.contains(t) && !result.contains(t) {
            result.push(t.clone());
        }
    }
    // The order: of the elements both keep, whose arrangement differs from the base's.
    let kept = |list: &[Value]| -> Vec<Value> { list.iter().filter(|v| result.contains(v)).cloned().collect() };
    let (in_base, in_ours, in_theirs) = (kept(base), kept(ours), kept(theirs));
    let common =
        |list: &[Value], of: &[Value]| -> Vec<Value> { list.iter().filter(|v| of.contains(v)).cloned().collect() };
    let ours_moved = common(&in_ours, &in_base) != common(&in_base, &in_ours);
    let theirs_moved = common(&in_theirs, &in_base) != common(&in_base, &in_theirs);
    if theirs_moved && !ours_moved {
        // Their order, with what home added since at the end.
        let added: Vec<Value> = result.iter().filter(|v| !in_theirs.contains(v)).cloned().collect();
        result = in_theirs.clone();
        result.extend(added);
    } else if theirs_moved && ours_moved && common(&in_ours, &in_theirs) != common(&in_theirs, &in_ours) {
        return Merged::Partly(Value::Array(result));
    }
    if result == ours {
        Merged::Ours
    } else {
        Merged::Take(Value::Array(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn l(v: &[i64]) -> Vec<Value> {
        v.iter().map(|x| json!(x)).collect()
    }

    #[test]
    fn one_sided_changes_are_taken_and_two_sided_ones_are_conflicts() {
        let (a, b, c) = (json!("a"), json!("b"), json!("c"));
        assert_eq!(scalar(Some(&a), &a, &b), Merged::Take(b.clone()));
        assert_eq!(scalar(Some(&a), &b, &a), Merged::Ours);
        assert_eq!(scalar(Some(&a), &b, &b), Merged::Ours);
        assert_eq!(scalar(Some(&a), &b, &c), Merged::Conflict);
        assert_eq!(scalar(None, &Value::Null, &b), Merged::Take(b.clone()));
        assert_eq!(scalar(None, &b, &c), Merged::Conflict);
    }

    #[test]
    fn lists_merge_by_element() {
        // Home removed 2 and added 5; the tour removed 3 and added 4.
        assert_eq!(list(Some(&l(&[1, 2, 3])), &l(&[1, 3, 5]), &l(&[1, 2, 4])), Merged::Take(json!([1, 5, 4])));
        // The tour reordered; home added.
        assert_eq!(list(Some(&l(&[1, 2, 3])), &l(&[1, 2, 3, 9]), &l(&[3, 1, 2])), Merged::Take(json!([3, 1, 2, 9])));
        // Both reordered, differently.
        assert_eq!(
            list(Some(&l(&[1, 2, 3])), &l(&[2, 1, 3, 5]), &l(&[3, 2, 1, 4])),
            Merged::Partly(json!([2, 1, 3, 5, 4]))
        );
        // Both reordered the same way.
        assert_eq!(list(Some(&l(&[1, 2, 3])), &l(&[3, 2, 1]), &l(&[3, 2, 1])), Merged::Ours);
    }

    proptest! {
        /// Whatever each side did, every element one side added is in the result, none that
        /// one side removed is, and merging the result again with itself as theirs changes nothing.
        #[test]
        fn no_addition_or_removal_is_lost(
            base in prop::collection::vec(0i64..12, 0..8),
            ours_ops in prop::collection::vec((any::<bool>(), 0i64..12), 0..6),
            theirs_ops in prop::collection::vec((any::<bool>(), 0i64..12), 0..6),
        ) {
            let mut base_set: Vec<i64> = Vec::new();
            for b in base { if !base_set.contains(&b) { base_set.push(b); } }
            let apply = |ops: &[(bool, i64)]| -> Vec<i64> {
                let mut v = base_set.clone();
                for &(add, x) in ops {
                    if add { if !v.contains(&x) { v.push(x); } } else { v.retain(|y| *y != x); }
                }
                v
            };
            let (ours, theirs) = (apply(&ours_ops), apply(&theirs_ops));
            let merged = match list(Some(&l(&base_set)), &l(&ours), &l(&theirs)) {
                Merged::Ours => l(&ours),
                Merged::Take(Value::Array(v)) => v,
                // Additions and removals keep the others' order: no reordering to conflict over.
                other => { prop_assert!(false, "{:?}", other); return Ok(()); }
            };
            for x in 0..12 {
                let (b, o, t) = (base_set.contains(&x), ours.contains(&x), theirs.contains(&x));
                let want = if b { o && t } else { o || t };
                prop_assert_eq!(merged.contains(&json!(x)), want, "element {}", x);
            }
            prop_assert_eq!(list(Some(&merged), &merged, &merged), Merged::Ours);
        }
    }
}
