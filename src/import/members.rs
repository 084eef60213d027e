//! The members of the imported repository: one per person or organisation the document
//! names after a cue, each in one band of the pyramid (the narrowest it is named for:
//! a person named as author and as co-author is an author), and the organisation itself
//! where the format requires a role the document gives nobody. What followed a cue
//! without being read as a name is kept, verbatim, for the report.

use super::layout::Layout;
use super::people::{self, MembreType, Reading, Role, Unread};

/// A member of the repository: who, what, which roles, from which line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub nom: String,
    pub kind: MembreType,
    pub roles: Vec<Role>,
    /// The line it was read from; `None` for the organisation, added to stand in.
    pub line: Option<String>,
    /// The roles it holds only because the document names nobody for them.
    pub stands_in: Vec<Role>,
}

/// The members, and what people lines held that was not a name.
pub fn members(
    layout: &Layout,
    front: &Reading,
    nom: &str,
    id: &str,
) -> (Vec<Member>, Vec<Unread>) {
    let mut reading = front.clone();
    for (heading, body) in &layout.people_chapters {
        let r = people::in_people_chapter(heading, body);
        reading.named.extend(r.named);
        reading.unread.extend(r.unread);
    }
    for body in layout_bodies(layout) {
        let r = people::in_body(body);
        reading.named.extend(r.named);
        reading.unread.extend(r.unread);
    }
    let mut members: Vec<Member> = Vec::new();
    for mut n in reading.named {
        // A note called on a name stays in the text it was read from, never in the name.
        n.nom = super::defs::without_marks(&n.nom).0;
        let mid = super::ids::file_id(&n.nom);
        // A name with no letter or digit that an id keeps (`𓑁`) names no file: it is
        // reported with the line it was in, never written as `membres/.md`.
        // A placeholder (`XXX`, `Prénom Nom`) is no one: it is reported, never a member.
        if !crate::slug::is_id(&mid) || people::is_placeholder(&n.nom) {
            reading.unread.push(Unread {
                placeholder: people::is_placeholder(&n.nom),
                text: n.nom,
                line: n.line,
            });
            continue;
        }
        match members.iter_mut().find(|m| m.id == mid) {
            Some(m) => give(m, n.role),
            None => members.push(Member {
                id: mid,
                nom: n.nom,
                kind: n.kind,
                roles: vec![n.role],
                line: Some(n.line),
                stands_in: Vec::new(),
            }),
        }
    }
    for role in [Role::Auteurs, Role::Editeurs] {
        if !members.iter().any(|m| m.roles.contains(&role)) {
            let org = organisation_member(&mut members, nom, id);
            org.roles.push(role);
            org.stands_in.push(role);
        }
    }
    let mut unread = reading.unread;
    unread.dedup();
    (members, unread)
}

/// Gives a member a role: the éditeur's alongside any band, and of the bands the
/// narrowest.
fn give(m: &mut Member, role: Role) {
    if m.roles.contains(&role) {
        return;
    }
    let Some(band) = role.band() else {
        m.roles.push(role);
        return;
    };
    match m.roles.iter().position(|r| r.band().is_some()) {
        Some(i) if m.roles[i].band() > Some(band) => m.roles[i] = role,
        Some(_) => {}
        None => m.roles.push(role),
    }
    m.roles.sort();
}

fn organisation_member<'a>(members: &'a mut Vec<Member>, nom: &str, id: &str) -> &'a mut Member {
    let at = match members.iter().position(|m| m.id == id) {
        Some(i) => i,
        None => {
            members.push(Member {
                id: id.to_string(),
                nom: nom.to_string(),
                kind: MembreType::Organisation,
                roles: Vec::new(),
                line: None,
                stands_in: Vec::new(),
            });
            members.len() - 1
        }
    };
    &mut members[at]
}

/// The bodies people lines are looked for in (the pyramid's chapters are read apart).
fn layout_bodies(layout: &Layout) -> Vec<&str> {
    let mut bodies = vec![
        layout.raison.body.as_str(),
        layout.histoire.body.as_str(),
        layout.modification.body.as_str(),
    ];
    bodies.extend(layout.informations.as_ref().map(|d| d.body.as_str()));
    bodies.extend(layout.plans.iter().map(|p| p.body.as_str()));
    bodies.extend(layout.annexes.iter().map(|(_, _, b)| b.as_str()));
    bodies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_stands_in_one_band_and_may_be_editor_too() {
        let mut m = Member {
            id: "marie".into(),
            nom: "Marie".into(),
            kind: MembreType::Personne,
            roles: vec![Role::CoAuteurs],
            line: None,
            stands_in: Vec::new(),
        };
        give(&mut m, Role::Auteurs);
        give(&mut m, Role::Contributeurs);
        give(&mut m, Role::Editeurs);
        assert_eq!(m.roles, [Role::Auteurs, Role::Editeurs]);
    }
}
