//! The mistakes people make in front matter, YAML values, file names and raw HTML, each
//! as a row of one table: written over `examples/minimal`, `check` must give exactly one
//! diagnostic, with its code, at the mistake (line and column in characters, marked `⁂` in
//! the row's text), with a message in each language (not the other's) and a help holding
//! the fix. A property test moves each YAML mistake among the other keys: the line follows.

use std::fs;
use std::path::Path;

use proptest::prelude::*;

use crate::common::{copy_dir, root};

/// Where the mistake is: `⁂` in the text, or nowhere (a diagnostic on the whole file).
const MARK: char = '⁂';

/// One mistake: its files (the first holds the diagnostic), what `check` must say.
struct Row {
    name: &'static str,
    files: Vec<(&'static str, String)>,
    code: &'static str,
    /// Fragments the help holds, English then French.
    help: (&'static str, &'static str),
}

const ECOUTE: &str = "principes/essentiel/ecoute.md";

/// A second member, with a role (so that no warning says it is unused).
fn bea() -> Vec<(&'static str, String)> {
    vec![
        (
            "membres/bea.md",
            "---\nnom: Béa\ntype: personne\n---\n".into(),
        ),
        (
            "pyramide.yaml",
            "auteurs: [{ membre: alex }, { membre: bea }]\nediteurs: [{ membre: alex }]\n".into(),
        ),
    ]
}

/// A principle whose front matter is the usual keys, then `extra` (and `titre` first).
fn principle(titre: &str, extra: &str) -> String {
    format!(
        "---\n{titre}\nstatut: adopte\nadopte_le: 2025-01-01\nclasse: simple\n{extra}---\n\nChacun est écouté.\n"
    )
}

fn offer(tarif: &str) -> String {
    format!("---\ntitre: Atelier\ntype: service\nmembres: [alex]\n{tarif}\n---\n\nUn atelier.\n")
}

fn matrix(valeur: &str) -> String {
    format!(
        "titre: M\nflux:\n  - de: alex\n    vers: bea\n    richesse: Argent\n    nature: materielle\n    mesure: quantitative\n    {valeur}\n    unite: EUR\n"
    )
}

fn row(
    name: &'static str,
    path: &'static str,
    text: String,
    code: &'static str,
    help: (&'static str, &'static str),
) -> Row {
    Row {
        name,
        files: vec![(path, text)],
        code,
        help,
    }
}

fn table() -> Vec<Row> {
    let mut rows = rows();
    for row in &mut rows {
        if row.files[0].0 == ECOUTE {
            row.files.extend(bea());
        } else if row.files[0].0 == "matrices/m.yaml" {
            row.files.push((
                "membres/bea.md",
                "---\nnom: Béa\ntype: personne\n---\n".into(),
            ));
        }
    }
    rows
}

fn rows() -> Vec<Row> {
    let t = |s: &str| format!("titre: {s}");
    let ok = "titre: Écoute";
    vec![
        row("tab", ECOUTE, principle(ok, "mots_cles:\n  - a\n⁂\t- b\n"), "codesocial::yaml::syntax", ("tab", "tabulation")),
        row("nbsp-after-colon", ECOUTE, principle("titre:⁂\u{a0}Écoute", ""), "codesocial::yaml::syntax", ("ordinary space", "espace ordinaire")),
        row("no-space-after-colon", ECOUTE, principle("titre⁂:Écoute", ""), "codesocial::yaml::syntax", ("titre: …", "titre: …")),
        row("colon-in-value", ECOUTE, principle("titre: Écoute⁂: la base", ""), "codesocial::yaml::syntax", ("\"Écoute: la base\"", "\"Écoute: la base\"")),
        row("text-after-quote", ECOUTE, principle("titre: \"Écoute\" ⁂des autres", ""), "codesocial::yaml::syntax", ("'\"Écoute\" des autres'", "'\"Écoute\" des autres'")),
        row("quote-open-across-lines", ECOUTE, principle("titre: ⁂\"Écoute", "resume: \"Un résumé\"\n"), "codesocial::yaml::syntax", ("close the value", "refermez la valeur")),
        row("commented-value", ECOUTE, principle(ok, "resume: ⁂#important\n"), "codesocial::yaml::commented-value", ("\"#important\"", "\"#important\"")),
        row("commented-list-item", ECOUTE, principle(ok, "mots_cles:\n  - ⁂#confiance\n"), "codesocial::yaml::commented-value", ("\"#confiance\"", "\"#confiance\"")),
        row("hash-first-in-flow", ECOUTE, principle(ok, "mots_cles: [⁂#confiance]\n"), "codesocial::yaml::syntax", ("`\"#confiance\"`", "`\"#confiance\"`")),
        row("quote-in-hashtag-value", ECOUTE, principle(&t("⁂Le \"grand\" #CodeSocial"), ""), "codesocial::yaml::hashtag-comment", ("'Le \"grand\" #CodeSocial'", "'Le \"grand\" #CodeSocial'")),
        row("typographic-quotes-hashtag-value", ECOUTE, principle(&t("⁂\u{201C}Le grand #CodeSocial\u{201D}"), ""), "codesocial::yaml::hashtag-comment", ("type straight quotes, \"Le grand #CodeSocial\"", "tapez des guillemets droits, \"Le grand #CodeSocial\"")),
        row("guillemets-hashtag-value", ECOUTE, principle(&t("⁂\u{AB}\u{A0}Le #CodeSocial\u{A0}\u{BB}"), ""), "codesocial::yaml::hashtag-comment", ("`\u{AB}` (U+00AB) and `\u{BB}` (U+00BB) are typographic quotes", "`\u{AB}` (U+00AB) et `\u{BB}` (U+00BB) sont des guillemets typographiques")),
        row("year-as-text", ECOUTE, principle(&t("⁂2024"), ""), "codesocial::schema::type", ("titre: \"2024\"", "titre: \"2024\"")),
        row("quoted-version", ECOUTE, principle(ok, "version: ⁂\"2\"\n"), "codesocial::schema::type", ("version: 2", "version: 2")),
        row("list-as-sentence", ECOUTE, principle(ok, "responsables: ⁂alex, bea\n"), "codesocial::schema::type", ("[alex, bea]", "[alex, bea]")),
        row("impossible-date", ECOUTE, principle(ok, "abroge_le: ⁂2025-13-01\n"), "codesocial::date::invalid", ("check the day", "vérifiez le jour")),
        row("unpadded-date", ECOUTE, principle(ok, "abroge_le: ⁂2025-1-5\n"), "codesocial::schema::format", ("`2025-01-05`", "`2025-01-05`")),
        row("date-with-time", ECOUTE, principle(ok, "abroge_le: ⁂2025-03-12T10:00:00\n"), "codesocial::schema::format", ("`2025-03-12`", "`2025-03-12`")),
        row("en-dash-date", ECOUTE, principle(ok, "abroge_le: ⁂2025\u{2013}03\u{2013}12\n"), "codesocial::schema::format", ("`-`", "`-`")),
        row("decimal-comma", "matrices/m.yaml", matrix("valeur: ⁂850,50"), "codesocial::schema::type", ("`850.50`", "`850.50`")),
        row("grouped-decimal", "matrices/m.yaml", matrix("valeur: ⁂1 200,50"), "codesocial::schema::type", ("`1200.50`", "`1200.50`")),
        row("dotted-thousands", "matrices/m.yaml", matrix("valeur: ⁂1.200,50"), "codesocial::schema::type", ("`1200.50`", "`1200.50`")),
        row("currency-sign", "matrices/m.yaml", matrix("valeur: ⁂3200 €"), "codesocial::schema::type", ("`3200`", "`3200`")),
        row("quoted-number", "matrices/m.yaml", matrix("valeur: ⁂\"3200\""), "codesocial::schema::type", ("valeur: 3200", "valeur: 3200")),
        row("tarif-grouped", "catalogue/atelier.md", offer("tarif: { montant: ⁂1 200, devise: EUR }"), "codesocial::schema::type", ("`1200`", "`1200`")),
        row("decimal-comma-in-integer", ECOUTE, principle(ok, "version: ⁂2,5\n"), "codesocial::schema::type", ("`version: 2` or `version: 3`", "`version: 2` ou `version: 3`")),
        row("decimal-point-in-integer", ECOUTE, principle(ok, "version: ⁂2.5\n"), "codesocial::schema::type", ("`version: 2` or `version: 3`", "`version: 2` ou `version: 3`")),
        row("typographic-quotes-around-value", ECOUTE, principle(ok, "resume: “Écoute⁂: la base”\n"), "codesocial::yaml::syntax", ("resume: \"Écoute: la base\"", "resume: \"Écoute: la base\"")),
        row("typographic-quotes-in-reference", ECOUTE, principle(ok, "responsables: [⁂“alex”]\n"), "codesocial::reference::membre", ("remove the typographic quotes", "retirez les guillemets typographiques")),
        row("glued-dash-in-list", "histoire.md", "---\ntitre: Histoire\njalons:\n  - date: 2011\n    titre: A\n  ⁂-date: 2013\n    titre: B\n---\n".into(), "codesocial::yaml::syntax", ("put a space after `-` to start a list item: `- date: 2013`", "mettez une espace après `-` pour commencer un élément de liste : `- date: 2013`")),
        row("glued-dash-only-item", "histoire.md", "---\ntitre: Histoire\njalons:\n  ⁂-date: 2011\n    titre: A\n---\n".into(), "codesocial::yaml::syntax", ("`- date: 2011`", "`- date: 2011`")),
        row("tarif-grouped-comma-in-flow", "catalogue/atelier.md", offer("tarif: { montant: ⁂1 450,50, devise: EUR }"), "codesocial::schema::type", ("`1450.50`", "`1450.50`")),
        row("tarif-comma-in-flow", "catalogue/atelier.md", offer("tarif: { montant: ⁂450,50, devise: EUR }"), "codesocial::schema::type", ("`450.50`", "`450.50`")),
        row("milestone-date-in-words", "histoire.md", "---\ntitre: Histoire\njalons:\n  - date: 2011\n    titre: A\n  - date: ⁂mai 2013\n    titre: B\n  - date: 2014\n    titre: C\n---\n".into(), "codesocial::schema::format", ("`2013-05`", "`2013-05`")),
        row("acteurs-as-sentence", "histoire.md", "---\ntitre: Histoire\njalons:\n  - date: 2011\n    titre: A\n    acteurs: ⁂alex, alex\n---\n".into(), "codesocial::schema::type", ("[alex, alex]", "[alex, alex]")),
        row("unclosed-front-matter", ECOUTE, format!("---\n{ok}\nstatut: adopte\nadopte_le: 2025-01-01\n\n⁂Chacun est écouté.\n\n---\n\nSuite.\n"), "codesocial::front-matter::unterminated", ("`---`", "`---`")),
        row("opening-dashes-deleted", ECOUTE, format!("⁂{ok}\nstatut: adopte\nadopte_le: 2025-01-01\nclasse: simple\n---\n\nChacun est écouté.\n"), "codesocial::front-matter::missing", ("the keys up to the `---` on line 5 are the front matter", "les clés jusqu’au `---` de la ligne 5 sont l’en-tête")),
        // Issue 16, truth17: inside the items of a list of mappings, at the faulty line.
        row("partly-quoted-in-a-milestone", "histoire.md", "---\ntitre: Histoire\njalons:\n  - date: 2011\n    titre: \"A\" ⁂bis\n  - date: 2013\n    titre: B\n---\n".into(), "codesocial::yaml::syntax", ("quote the whole value: `titre: '\"A\" bis'`", "mettez toute la valeur entre guillemets : `titre: '\"A\" bis'`")),
        row("partly-quoted-first-key-of-a-milestone", "histoire.md", "---\ntitre: Histoire\njalons:\n  - titre: \"A\" ⁂bis\n    date: 2011\n  - date: 2013\n    titre: B\n---\n".into(), "codesocial::yaml::syntax", ("quote the whole value: `titre: '\"A\" bis'`", "mettez toute la valeur entre guillemets : `titre: '\"A\" bis'`")),
        row("colon-forgotten-in-a-milestone", "histoire.md", "---\ntitre: Histoire\njalons:\n  - date: 2011\n    titre⁂ A\n    acteurs: [alex]\n  - date: 2013\n    titre: B\n---\n".into(), "codesocial::yaml::syntax", ("`titre: A`", "`titre: A`")),
        row("colon-forgotten-first-key-of-a-milestone", "histoire.md", "---\ntitre: Histoire\njalons:\n  - date⁂ 2011\n    titre: A\n  - date: 2013\n    titre: B\n---\n".into(), "codesocial::yaml::syntax", ("`date: 2011`", "`date: 2011`")),
        row("key-left-of-its-milestone", "histoire.md", "---\ntitre: Histoire\njalons:\n  - date: 2011\n   ⁂titre: A\n    acteurs: [alex]\n  - date: 2013\n    titre: B\n---\n".into(), "codesocial::yaml::syntax", ("put 4 spaces before it, so that it starts at column 5", "mettez 4 espaces avant, pour qu’elle commence à la colonne 5")),
        row("key-at-the-dash-of-a-flow", "matrices/m.yaml", matrix("valeur: 12").replace("    unite: EUR", "  ⁂unite: EUR"), "codesocial::yaml::syntax", ("put 4 spaces before it, so that it starts at column 5", "mettez 4 espaces avant, pour qu’elle commence à la colonne 5")),
        Row {
            name: "colon-in-a-flow-value",
            files: vec![("pyramide.yaml", "auteurs:\n  - { membre: alex, note: SAS coopérative ⁂: depuis 2021 }\n  - { membre: bea }\nediteurs: [{ membre: alex }]\n".into()), ("membres/bea.md", "---\nnom: Béa\ntype: personne\n---\n".into())],
            code: "codesocial::yaml::syntax",
            help: ("quote the value: note: \"SAS coopérative : depuis 2021\"", "mettez la valeur entre guillemets : note: \"SAS coopérative : depuis 2021\""),
        },
        Row {
            name: "comma-forgotten-in-a-flow",
            files: vec![("pyramide.yaml", "auteurs:\n  - { membre: alex ⁂depuis: 2014-09-01 }\n  - { membre: bea }\nediteurs: [{ membre: alex }]\n".into()), ("membres/bea.md", "---\nnom: Béa\ntype: personne\n---\n".into())],
            code: "codesocial::yaml::syntax",
            help: ("separate the `key: value` pairs with commas: `{ membre: alex, depuis: 2014-09-01 }`", "séparez les paires `clé: valeur` par des virgules : `{ membre: alex, depuis: 2014-09-01 }`"),
        },
        Row {
            name: "flow-left-open-in-a-list",
            files: vec![("pyramide.yaml", "auteurs:\n  - ⁂{ membre: alex, depuis: 2014-09-01\n  - { membre: bea }\nediteurs: [{ membre: alex }]\n".into()), ("membres/bea.md", "---\nnom: Béa\ntype: personne\n---\n".into())],
            code: "codesocial::yaml::syntax",
            help: ("close with `}` on the same line", "fermez par `}` sur la même ligne"),
        },
        row("block-text-line-indented-less", "histoire.md", "---\ntitre: Histoire\njalons:\n  - date: 2011\n    titre: A\n    description: >-\n      Quelques voisins.\n    ⁂outils. L'idée.\n  - date: 2013\n    titre: B\n---\n".into(), "codesocial::yaml::syntax", ("indent it like the first line of the text, with 6 spaces before it", "mettez-la en retrait comme la première ligne du texte, avec 6 espaces avant")),
        row("block-text-line-at-column-1", ECOUTE, principle(ok, "resume: |\n  Un résumé\n⁂sur deux lignes\n"), "codesocial::yaml::syntax", ("with 2 spaces before it: `  sur deux lignes`", "avec 2 espaces avant : `  sur deux lignes`")),
        row("link-target-never-closed", "annexes/a.md", "---\ntitre: A\n---\n\nVoir ⁂[alex](../membres/alex.md pour plus.\n".into(), "codesocial::link::unclosed", ("close the parenthesis after the target: `[alex](../membres/alex.md)`", "fermez la parenthèse après la cible : `[alex](../membres/alex.md)`")),
        row("reference-without-definition", "annexes/a.md", "---\ntitre: A\n---\n\nVoir ⁂[alex][fiche] pour plus.\n".into(), "codesocial::link::undefined-reference", ("a line `[fiche]: target`", "une ligne `[fiche]: cible`")),
        row("milestone-year-far-ahead", "histoire.md", "---\ntitre: Histoire\njalons:\n  - date: 2011\n    titre: A\n  - date: ⁂2205\n    titre: B\n  - date: 2014\n    titre: C\n---\n".into(), "codesocial::date::far-future", ("check the year", "vérifiez l’année")),
        row("em-dash-delimiter", ECOUTE, format!("⁂———\n{ok}\nstatut: adopte\nadopte_le: 2025-01-01\n---\n"), "codesocial::front-matter::missing", ("`---`", "`---`")),
        row("empty-member", "membres/alex.md", String::new(), "codesocial::front-matter::empty", ("nom: …", "nom: …")),
        row("member-without-front-matter", "membres/alex.md", "⁂Alex\n".into(), "codesocial::front-matter::missing", ("type: …", "type: …")),
        row("duplicate-raw-id", "annexes/a.md", "---\ntitre: A\n---\n\n[x](#x) <a id=\"x\"></a>\n\n<span id=\"⁂x\">y</span>\n".into(), "codesocial::link::duplicate-id", ("`id`", "`id`")),
        row("raw-id-with-space", "annexes/a.md", "---\ntitre: A\n---\n\n<a id=\"⁂art 3\"></a>\n".into(), "codesocial::link::invalid-id", ("`art-3`", "`art-3`")),
        row("link-to-hidden-folder", "annexes/a.md", "---\ntitre: A\n---\n\n[ci](⁂../.github/workflows/ci.yml)\n".into(), "codesocial::link::not-published", ("https://", "https://")),
        row("name-instead-of-id", "annexes/a.md", "---\ntitre: A\n---\n\n<a name=\"art-4\"></a> [4](⁂#art-4)\n".into(), "codesocial::link::anchor", ("id=\"art-4\"", "id=\"art-4\"")),
        row("missing-extension-in-link", "annexes/a.md", "---\ntitre: A\n---\n\n[alex](⁂../membres/alex)\n".into(), "codesocial::link::file", ("alex.md", "alex.md")),
        // Issue 16, the second tester: hints that fit the kind of mistake.
        row("list-in-parentheses", ECOUTE, principle(ok, "responsables: ⁂(alex, bea)\n"), "codesocial::schema::type", ("`responsables: [alex, bea]`", "`responsables: [alex, bea]`")),
        row("list-with-semicolons-as-text", ECOUTE, principle(ok, "responsables: ⁂alex; bea\n"), "codesocial::schema::type", ("`responsables: [alex, bea]`", "`responsables: [alex, bea]`")),
        row("list-with-bullets", ECOUTE, principle(ok, "responsables:\n  ⁂• alex\n  • alex\n"), "codesocial::schema::type", ("responsables:\n  - alex\n  - alex", "responsables:\n  - alex\n  - alex")),
        row("list-with-asterisks", ECOUTE, principle(ok, "responsables:\n  ⁂* alex\n  * bea\n"), "codesocial::yaml::syntax", ("start each item with a dash and a space: `- alex`", "commencez chaque élément par un tiret et une espace : `- alex`")),
        row("list-with-plus-signs", ECOUTE, principle(ok, "responsables:\n  ⁂+ alex\n  + bea\n"), "codesocial::schema::type", ("responsables:\n  - alex\n  - bea", "responsables:\n  - alex\n  - bea")),
        row("list-with-dashes", ECOUTE, principle(ok, "responsables:\n  ⁂– alex\n"), "codesocial::schema::type", ("responsables:\n  - alex", "responsables:\n  - alex")),
        row("list-with-semicolons-in-brackets", ECOUTE, principle(ok, "responsables: [⁂alex; bea]\n"), "codesocial::reference::membre", ("separated by commas: `alex, bea`", "séparent par des virgules : `alex, bea`")),
        row("list-with-spaces-in-brackets", ECOUTE, principle(ok, "responsables: [⁂alex bea]\n"), "codesocial::reference::membre", ("separated by commas: `alex, bea`", "séparent par des virgules : `alex, bea`")),
        row("list-in-braces", ECOUTE, principle(ok, "responsables: ⁂{alex, bea}\n"), "codesocial::schema::type", ("`responsables: [alex, bea]`", "`responsables: [alex, bea]`")),
        row("year-in-date-field", ECOUTE, principle(ok, "abroge_le: ⁂2014\n"), "codesocial::schema::type", ("`abroge_le: 2014-MM-DD`", "`abroge_le: 2014-MM-JJ`")),
        row("digits-in-date-field", ECOUTE, principle(ok, "abroge_le: ⁂20260901\n"), "codesocial::schema::type", ("`abroge_le: 2026-09-01`", "`abroge_le: 2026-09-01`")),
        row("letter-o-in-date", ECOUTE, principle(ok, "abroge_le: ⁂2O26-01-01\n"), "codesocial::schema::format", ("`2026-01-01`", "`2026-01-01`")),
        row("apostrophe-in-single-quotes", ECOUTE, principle(ok, "resume: 'L⁂'esprit du lieu'\n"), "codesocial::yaml::syntax", ("`resume: \"L'esprit du lieu\"`", "`resume: \"L'esprit du lieu\"`")),
        row("unclosed-single-quote", ECOUTE, principle(ok, "resume: ⁂'L’esprit\n"), "codesocial::yaml::syntax", ("`'`", "`'`")),
        row("missing-colon", ECOUTE, principle(ok, "version⁂ 2\n"), "codesocial::yaml::syntax", ("`version: 2`", "`version: 2`")),
        row("value-starting-with-at", ECOUTE, principle(ok, "resume: ⁂@alex\n"), "codesocial::yaml::syntax", ("`resume: \"@alex\"`", "`resume: \"@alex\"`")),
        row("value-starting-with-backtick", ECOUTE, principle(ok, "resume: ⁂`code`\n"), "codesocial::yaml::syntax", ("`` resume: \"`code`\" ``", "`` resume: \"`code`\" ``")),
        row("value-starting-with-percent", ECOUTE, principle(ok, "resume: ⁂%50 de remise\n"), "codesocial::yaml::syntax", ("`resume: \"%50 de remise\"`", "`resume: \"%50 de remise\"`")),
        row("value-starting-with-ampersand", ECOUTE, principle(ok, "resume: ⁂& co\n"), "codesocial::yaml::syntax", ("`resume: \"& co\"`", "`resume: \"& co\"`")),
        row("value-starting-with-greater", ECOUTE, principle(ok, "resume: ⁂> 3 ans\n"), "codesocial::yaml::syntax", ("`resume: \"> 3 ans\"`", "`resume: \"> 3 ans\"`")),
        row("value-starting-with-dash", ECOUTE, principle(ok, "resume: ⁂- a\n"), "codesocial::yaml::syntax", ("`resume: \"- a\"`", "`resume: \"- a\"`")),
        row("misaligned-list-item", ECOUTE, principle(ok, "responsables:\n  - alex\n   ⁂- alex\n"), "codesocial::yaml::syntax", ("the indentation of the `- ` lines differs", "l’indentation des lignes `- ` diffère")),
        row("indented-key-with-comment", ECOUTE, principle(ok, "  ⁂resume: Un résumé   # à revoir\n"), "codesocial::yaml::syntax", ("start it at the beginning of the line, with no space before it: `resume: Un résumé`", "commencez-la en début de ligne, sans espace avant : `resume: Un résumé`")),
        row("indented-key-after-commented-line", ECOUTE, principle("titre: Écoute  # le titre\n ⁂statut: adopte", "").replace("statut: adopte\nadopte_le", "adopte_le"), "codesocial::yaml::syntax", ("with no space before it: `statut: adopte`", "sans espace avant : `statut: adopte`")),
        row("item-between-indentations-with-comment", ECOUTE, principle(ok, "responsables:\n  - alex  # moi\n ⁂- bea # toi\n"), "codesocial::yaml::syntax", ("put 2 spaces before it, so that it starts at column 3 like the lines of its block: `  - bea`", "mettez 2 espaces avant, pour qu’elle commence à la colonne 3 comme les lignes de son bloc : `  - bea`")),
        row("nbsp-after-hashes", "annexes/a.md", "---\ntitre: A\n---\n\n##⁂\u{a0}Titre\n\nTexte.\n".into(), "codesocial::markdown::invisible", ("replace it with an ordinary space: `## `", "remplacez-la par une espace ordinaire : `## `")),
        row("zero-width-space-before-hashes", "annexes/a.md", "---\ntitre: A\n---\n\n⁂\u{200b}## Titre\n".into(), "codesocial::markdown::invisible", ("delete this invisible character", "supprimez ce caractère invisible")),
        row("bom-in-the-middle", "annexes/a.md", "---\ntitre: A\n---\n\nTexte.\n\n⁂\u{feff}Suite collée.\n".into(), "codesocial::markdown::invisible", ("only at the very start of a file", "qu’en tout début de fichier")),
        row("nbsp-after-list-dash", "annexes/a.md", "---\ntitre: A\n---\n\n-⁂\u{a0}un\n- deux\n".into(), "codesocial::markdown::invisible", ("replace it with an ordinary space: `- `", "remplacez-la par une espace ordinaire : `- `")),
        row("link-with-apostrophe-and-colon", ECOUTE, principle(ok, "resume: Voir [l'histoire](../../histoire.md) ⁂: tout commence là\n"), "codesocial::yaml::syntax", ("quote the value: resume: \"Voir [l'histoire](../../histoire.md) : tout commence là\"", "mettez la valeur entre guillemets : resume: \"Voir [l'histoire](../../histoire.md) : tout commence là\"")),
        row("four-dashes-closing", ECOUTE, format!("---\n{ok}\nstatut: adopte\nadopte_le: 2025-01-01\nclasse: simple\n⁂----\n\nChacun.\n"), "codesocial::front-matter::unterminated", ("exactly three dashes `---`", "exactement trois tirets `---`")),
        row("reversed-dates", ECOUTE, principle(ok, "statut_x: 1\n").replace("statut_x: 1\n", "").replace("adopte_le: 2025-01-01", "adopte_le: 2025-01-01\nabroge_le: ⁂2024-01-01"), "codesocial::date::order", ("`adopte_le` is the start date and `abroge_le` the end date", "`adopte_le` est la date de début et `abroge_le` celle de fin")),
        row("infinite-number", "matrices/m.yaml", matrix("valeur: ⁂.inf"), "codesocial::schema::type", ("`N.NN`", "`N.NN`")),
        row("huge-number", "matrices/m.yaml", matrix("valeur: ⁂1e9999"), "codesocial::schema::type", ("`N.NN`", "`N.NN`")),
        row("hex-number", "matrices/m.yaml", matrix("valeur: ⁂0x10"), "codesocial::schema::type", ("`N.NN`", "`N.NN`")),
        row("suffixed-number", "matrices/m.yaml", matrix("valeur: ⁂3,2k"), "codesocial::schema::type", ("`N.NN`", "`N.NN`")),
        row("duplicate-heading-id", "annexes/a.md", "---\ntitre: A\n---\n\n<a id=\"art\"></a>\n\n<span id=\"⁂art\">y</span>\n".into(), "codesocial::link::duplicate-id", ("give one of them another `id`", "donnez un autre `id` à l’un des deux")),
        // Issue 16, round 13: hints that, followed, give a file that passes.
        row("colon-forgotten-before-list", ECOUTE, principle(ok, "responsables⁂\n  - alex\n"), "codesocial::yaml::syntax", ("add `:` after the key, on its line: `responsables:`", "ajoutez `:` après la clé, sur sa ligne : `responsables:`")),
        row("colon-forgotten-before-block-scalar", ECOUTE, principle(ok, "resume⁂ |\n  Un résumé\n  sur deux lignes\n"), "codesocial::yaml::syntax", ("`resume: |`", "`resume: |`")),
        row("key-deeper-after-flow-value", ECOUTE, principle(ok, "mots_cles: [a, b]\n ⁂resume: Un résumé\n"), "codesocial::yaml::syntax", ("with no space before it: `resume: Un résumé`", "sans espace avant : `resume: Un résumé`")),
        row("colon-in-continuation-line", ECOUTE, principle(ok, "resume: Un résumé\n  Note ⁂: à relire\n"), "codesocial::yaml::syntax", ("resume: \"Un résumé Note : à relire\"", "resume: \"Un résumé Note : à relire\"")),
        row("text-after-bracket-in-text", ECOUTE, principle(ok, "resume: [Brouillon] ⁂Un résumé\n"), "codesocial::yaml::syntax", ("quote the whole value: `resume: \"[Brouillon] Un résumé\"`", "mettez toute la valeur entre guillemets : `resume: \"[Brouillon] Un résumé\"`")),
        row("text-after-bracket-in-an-item", ECOUTE, principle(ok, "mots_cles:\n  - [brouillon] ⁂écoute\n"), "codesocial::yaml::syntax", ("quote the whole item: `- \"[brouillon] écoute\"`", "mettez tout l’élément entre guillemets : `- \"[brouillon] écoute\"`")),
        row("quotes-inside-double-quotes", ECOUTE, principle(ok, "resume: \"Le \"⁂grand\" atelier\"\n"), "codesocial::yaml::syntax", ("`resume: 'Le \"grand\" atelier'`", "`resume: 'Le \"grand\" atelier'`")),
        row("dash-glued-to-first-item", ECOUTE, principle(ok, "responsables:\n  ⁂-alex\n  - bea\n"), "codesocial::schema::type", ("put a space after the dash: `- alex`", "mettez une espace après le tiret : `- alex`")),
        row("year-far-ahead", ECOUTE, principle(ok, "abroge_le: ⁂3025-01-01\n"), "codesocial::date::far-future", ("check the year: `2025-01-01`?", "vérifiez l’année : `2025-01-01` ?")),
        row("link-outside-the-codesocial", "annexes/a.md", "---\ntitre: A\n---\n\n[x](⁂../../../etc/passwd)\n".into(), "codesocial::link::file", ("remove the `../` too many", "retirez les `../` de trop")),
        row("heading-with-no-break-space-anchor", "annexes/a.md", "---\ntitre: A\n---\n\n## Étape\u{a0}: préparer\n\n[x](⁂#etape-preparer)\n".into(), "codesocial::link::anchor", ("`étape--préparer`", "`étape--préparer`")),
        row("space-between-label-and-target", "annexes/a.md", "---\ntitre: A\n---\n\nVoir ⁂[alex] (../membres/alex.md).\n".into(), "codesocial::link::space-before-target", ("remove the space: `[alex](../membres/alex.md)`", "retirez l’espace : `[alex](../membres/alex.md)`")),
        row("space-in-link-to-missing-file", "annexes/a.md", "---\ntitre: A\n---\n\n[x](⁂mon fichier.md)\n".into(), "codesocial::link::unrecognised", ("no file `mon fichier.md` exists", "aucun fichier `mon fichier.md` n’existe")),
        Row {
            name: "item-deeper-than-its-sibling",
            files: vec![
                ("pyramide.yaml", "auteurs:\n  - { membre: alex }\n   ⁂- { membre: bea }\nediteurs: [{ membre: alex }]\n".into()),
                ("membres/bea.md", "---\nnom: Béa\ntype: personne\n---\n".into()),
            ],
            code: "codesocial::yaml::syntax",
            help: ("put 2 spaces before it, so that it starts at column 3 like the lines of its block: `  - { membre: bea }`", "mettez 2 espaces avant, pour qu’elle commence à la colonne 3 comme les lignes de son bloc : `  - { membre: bea }`"),
        },
        Row {
            name: "totals-of-a-matrix-without-quantities",
            files: vec![
                ("annexes/a.md", "---\ntitre: A\n---\n\n[t](⁂../matrices/q.yaml#cs-totals)\n".into()),
                ("matrices/q.yaml", "titre: Q\nflux:\n  - de: alex\n    vers: alex2\n    richesse: Temps\n    nature: immaterielle\n    mesure: qualitative\n    appreciation: bon\n".into()),
                ("membres/alex2.md", "---\nnom: A2\ntype: personne\n---\n".into()),
            ],
            code: "codesocial::link::anchor",
            help: ("only when one of its flows is quantitative", "que si l’un de ses flux est quantitatif"),
        },
        Row {
            name: "hash-in-a-linked-file-name",
            files: vec![
                ("annexes/a.md", "---\ntitre: A\n---\n\n[cr](<⁂../images/compte rendu #3.pdf>)\n".into()),
                ("images/compte rendu #3.pdf", "%PDF".into()),
            ],
            code: "codesocial::link::file",
            help: ("`../images/compte%20rendu%20%233.pdf`", "`../images/compte%20rendu%20%233.pdf`"),
        },
        Row {
            name: "capital-in-file-name",
            files: vec![
                ("principes/essentiel/Ecoute.md", principle(ok, "")),
                (ECOUTE, "\u{0}remove".into()),
            ],
            code: "codesocial::layout::invalid-id",
            help: ("`ecoute.md`", "`ecoute.md`"),
        },
        Row {
            name: "markdown-extension-in-capitals",
            files: vec![
                ("principes/essentiel/ecoute.MD", principle(ok, "")),
                (ECOUTE, "\u{0}remove".into()),
            ],
            code: "codesocial::layout::extension",
            help: ("ecoute.md", "ecoute.md"),
        },
    ]
}

/// One diagnostic as JSON gives it.
#[derive(Debug)]
struct Said {
    code: String,
    file: Option<String>,
    line: Option<u64>,
    column: Option<u64>,
    message: String,
    help: String,
}

fn check(dir: &Path, lang: &str) -> Vec<Said> {
    crate::truth::check_json(dir, lang)
        .iter()
        .map(|d| Said {
            code: d["code"].as_str().unwrap_or_default().to_string(),
            file: d["file"].as_str().map(str::to_string),
            line: d["line"].as_u64(),
            column: d["column"].as_u64(),
            message: d["message"].as_str().unwrap_or_default().to_string(),
            help: d["help"].as_str().unwrap_or_default().to_string(),
        })
        .collect()
}

/// Writes the row's files over `examples/minimal` (a text `\0remove` deletes the file);
/// returns the place marked, as (line, column in characters), if any.
fn write(dir: &Path, files: &[(&str, String)]) -> Option<(u64, u64)> {
    copy_dir(&root().join("examples/minimal"), dir);
    let mut mark = None;
    for (i, (path, text)) in files.iter().enumerate() {
        let full = dir.join(path);
        if text == "\u{0}remove" {
            fs::remove_file(&full).expect("remove");
            continue;
        }
        if i == 0 {
            mark = text.find(MARK).map(|at| {
                let before = &text[..at];
                let line = before.matches('\n').count() as u64 + 1;
                let column = before.rsplit('\n').next().unwrap_or("").chars().count() as u64 + 1;
                (line, column)
            });
        }
        fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        fs::write(&full, text.replace(MARK, "")).expect("write");
    }
    mark
}

/// What is wrong with what `check` said about `row`, in `lang`.
fn judge(row: &Row, mark: Option<(u64, u64)>, said: &[Said], help: &str) -> Option<String> {
    let [one] = said else {
        return Some(format!("{} diagnostics: {said:#?}", said.len()));
    };
    let place = one.line.zip(one.column);
    let wrong = one.code != row.code
        || one.file.as_deref() != Some(row.files[0].0)
        || (mark.is_some() && place != mark)
        || !one.help.contains(help);
    wrong.then(|| {
        format!(
            "expected {} at {mark:?} with help ⊇ {help:?}: {one:#?}",
            row.code
        )
    })
}

#[test]
fn each_mistake_gives_one_diagnostic_at_its_place_with_its_fix_in_both_languages() {
    let mut failures = Vec::new();
    for row in table() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        let mark = write(&dir, &row.files);
        let en = check(&dir, "en_US.UTF-8");
        let fr = check(&dir, "fr_FR.UTF-8");
        for (lang, said, help) in [("en", &en, row.help.0), ("fr", &fr, row.help.1)] {
            if let Some(problem) = judge(&row, mark, said, help) {
                failures.push(format!("{} ({lang}): {problem}", row.name));
            }
        }
        if let (Some(e), Some(f)) = (en.first(), fr.first()) {
            if e.message == f.message {
                failures.push(format!(
                    "{}: the same message in both languages: {}",
                    row.name, e.message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The valid keys of a principle, in any order, with one mistaken line among them.
fn front_with(mistake: &str, order: &[usize], at: usize) -> (String, u64) {
    let keys = [
        "titre: Écoute",
        "statut: adopte",
        "adopte_le: 2025-01-01",
        "classe: simple",
        "mots_cles: [a, b]",
    ];
    let mut lines: Vec<&str> = order.iter().map(|&i| keys[i]).collect();
    let at = at.min(lines.len());
    lines.insert(at, mistake);
    let text = format!("---\n{}\n---\n\nChacun.\n", lines.join("\n"));
    (text, at as u64 + 2)
}

/// Mistakes of one line whose diagnostic is on that line.
const LINE_MISTAKES: &[(&str, &str)] = &[
    ("resume:\u{a0}Un résumé", "codesocial::yaml::syntax"),
    ("resume:Un résumé", "codesocial::yaml::syntax"),
    ("resume: Un: résumé", "codesocial::yaml::syntax"),
    ("resume: \"Un\" résumé", "codesocial::yaml::syntax"),
    ("resume: #important", "codesocial::yaml::commented-value"),
    (
        "  resume: Un résumé  # à revoir",
        "codesocial::yaml::syntax",
    ),
    ("version: \"2\"", "codesocial::schema::type"),
    ("abroge_le: 2026-1-5", "codesocial::schema::format"),
    ("responsables: alex, bea", "codesocial::schema::type"),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_mistake_is_reported_on_its_line_wherever_it_stands(
        which in 0..LINE_MISTAKES.len(),
        order in Just((0..5).collect::<Vec<usize>>()).prop_shuffle(),
        at in 0usize..6,
        french in any::<bool>(),
    ) {
        let (mistake, code) = LINE_MISTAKES[which];
        let (text, line) = front_with(mistake, &order, at);
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        write(&dir, &[(ECOUTE, text.clone())]);
        let said = check(&dir, if french { "fr_FR.UTF-8" } else { "en_US.UTF-8" });
        prop_assert_eq!(said.len(), 1, "{}\n{:#?}", text, said);
        prop_assert_eq!(&said[0].code, code, "{}", text);
        prop_assert_eq!(said[0].line, Some(line), "{}\n{:#?}", text, said);
    }
}

/// A document saved in another encoding (Windows-1252, as Notepad and Word may save), or
/// saved as `.txt`, is still that document: `check` gives its one error, and no "unknown
/// member" for each reference to it.
#[test]
fn a_document_saved_in_another_encoding_or_as_text_keeps_its_identity() {
    let tmp = tempfile::TempDir::new().expect("temp dir");
    let dir = tmp.path();
    copy_dir(&root().join("examples/minimal"), dir);
    let alex = dir.join("membres/alex.md");
    let text = fs::read_to_string(&alex).expect("read");
    let latin1: Vec<u8> = format!("{text}\nÉcrit à la main.\n")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1"))
        .collect();
    fs::write(&alex, latin1).expect("write");
    let said = check(dir, "en");
    assert!(
        matches!(said.as_slice(), [one] if one.code == "codesocial::encoding::utf8"
            && one.file.as_deref() == Some("membres/alex.md")),
        "{said:#?}"
    );

    copy_dir(&root().join("examples/minimal"), dir);
    fs::rename(dir.join(ECOUTE), dir.join("principes/essentiel/ecoute.txt")).expect("rename");
    let said = check(dir, "fr");
    assert!(
        matches!(said.as_slice(), [one] if one.code == "codesocial::layout::extension"
            && one.help.contains("ecoute.md")),
        "{said:#?}"
    );
}

/// Each concrete suggestion of a hint, applied, gives a document `check` passes: the
/// mistake as written, and what the hint says to write instead (issue 16, second tester).
const APPLIED: &[(&str, &str, &str)] = &[
    // Issue 16, round 13: fixes that parse to the text meant.
    (
        "resume: [Brouillon] Un résumé",
        "resume: \"[Brouillon] Un résumé\"",
        "codesocial::yaml::syntax",
    ),
    (
        "resume: \"Le \"grand\" atelier\"",
        "resume: 'Le \"grand\" atelier'",
        "codesocial::yaml::syntax",
    ),
    (
        "resume: Un résumé\n  Note : à relire",
        "resume: \"Un résumé Note : à relire\"",
        "codesocial::yaml::syntax",
    ),
    // Typographic quotes are left out of the fix (round 7 M8).
    (
        "resume: « Écoute : la base »",
        "resume: \"Écoute : la base\"",
        "codesocial::yaml::syntax",
    ),
    // Ids separated by spaces are items (round 7 M6).
    (
        "responsables: alex bea",
        "responsables: [alex, bea]",
        "codesocial::schema::type",
    ),
    // A whole number is hinted where one is expected (round 7 M7).
    ("version: 2,5", "version: 2", "codesocial::schema::type"),
    // An apostrophe inside a link's brackets is no quote (round 7 M1).
    (
        "resume: Voir [l'histoire](../../histoire.md) : tout commence là",
        "resume: \"Voir [l'histoire](../../histoire.md) : tout commence là\"",
        "codesocial::yaml::syntax",
    ),
    // A trailing comment stays out of the fix.
    (
        "  resume: Un résumé  # à revoir",
        "resume: Un résumé",
        "codesocial::yaml::syntax",
    ),
    // The help shows the date only, not the key.
    (
        "responsables: (alex, bea)",
        "responsables: [alex, bea]",
        "codesocial::schema::type",
    ),
    (
        "responsables: {alex, bea}",
        "responsables: [alex, bea]",
        "codesocial::schema::type",
    ),
    (
        "responsables:\n  • alex\n  • bea",
        "responsables:\n  - alex\n  - bea",
        "codesocial::schema::type",
    ),
    (
        "responsables:\n  + alex\n  + bea",
        "responsables:\n  - alex\n  - bea",
        "codesocial::schema::type",
    ),
    (
        "abroge_le: 20260901",
        "abroge_le: 2026-09-01",
        "codesocial::schema::type",
    ),
    (
        "resume: 'L'esprit du lieu'",
        "resume: \"L'esprit du lieu\"",
        "codesocial::yaml::syntax",
    ),
    ("version 2", "version: 2", "codesocial::yaml::syntax"),
    (
        "resume: @alex",
        "resume: \"@alex\"",
        "codesocial::yaml::syntax",
    ),
    (
        "resume: `code`",
        "resume: \"`code`\"",
        "codesocial::yaml::syntax",
    ),
    (
        "resume: & co",
        "resume: \"& co\"",
        "codesocial::yaml::syntax",
    ),
    ("resume: - a", "resume: \"- a\"", "codesocial::yaml::syntax"),
    // A tag or an anchor YAML reads silently, dropping the first word (issue 16).
    (
        "resume: !Urgent Transparence des processus",
        "resume: \"!Urgent Transparence des processus\"",
        "codesocial::yaml::syntax",
    ),
    (
        "resume: &Co Mathieu Coste",
        "resume: \"&Co Mathieu Coste\"",
        "codesocial::yaml::syntax",
    ),
    (
        "resume: !!str Transparence",
        "resume: \"!!str Transparence\"",
        "codesocial::yaml::syntax",
    ),
];

#[test]
fn each_hint_applied_gives_a_document_check_passes() {
    let mut failures = Vec::new();
    for (wrong, hinted, code) in APPLIED {
        for (extra, want) in [(*wrong, Some(*code)), (*hinted, None)] {
            let tmp = tempfile::tempdir().expect("tempdir");
            let dir = tmp.path().join("cs");
            write(
                &dir,
                &[
                    vec![(ECOUTE, principle("titre: Écoute", &format!("{extra}\n")))],
                    bea(),
                ]
                .concat(),
            );
            let said = check(&dir, "en_US.UTF-8");
            let codes: Vec<&str> = said.iter().map(|d| d.code.as_str()).collect();
            let help = said.first().map(|d| d.help.as_str()).unwrap_or_default();
            match want {
                Some(code) if codes != [code] || !help.contains(hinted) => failures.push(format!(
                    "{wrong:?}: expected {code} with help ⊇ {hinted:?}: {said:#?}"
                )),
                None if !said.is_empty() => {
                    failures.push(format!("{hinted:?} (the hint applied): {said:#?}"))
                }
                _ => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A list item that is several known ids with another separator than a comma: its help's
/// text, written in the item's place, gives a list `check` passes.
#[test]
fn unseparated_items_hinted_commas_give_a_list_check_passes() {
    for item in ["alex; bea", "alex bea", "alex;bea", "\"alex, bea\""] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        let list = |item: &str| principle("titre: Écoute", &format!("responsables: [{item}]\n"));
        write(&dir, &[vec![(ECOUTE, list(item))], bea()].concat());
        let said = check(&dir, "en_US.UTF-8");
        assert_eq!(said.len(), 1, "{item}: {said:#?}");
        assert_eq!(said[0].code, "codesocial::reference::membre", "{said:#?}");
        let hinted = said[0].help.rsplit('`').nth(1).expect("a hinted list");
        write(&dir, &[vec![(ECOUTE, list(hinted))], bea()].concat());
        let said = check(&dir, "en_US.UTF-8");
        assert!(said.is_empty(), "[{hinted}] (the hint applied): {said:#?}");
    }
}

/// The ids a page's template writes only sometimes are accepted exactly when the page
/// will hold them: the pyramid's drawing and capital whenever `pyramide.yaml` is read, a
/// matrix's totals when a flow has a quantity, a member's "responsible for" when a
/// principle names them; and the page's anchors listed in a hint include its template's.
#[test]
fn template_ids_are_accepted_when_the_page_holds_them() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("cs");
    let links = "[c](../pyramide.yaml#cs-capital) [p](../pyramide.yaml#cs-pyramid-caption) \
                 [t](../matrices/m.yaml#cs-totals) [r](../membres/alex.md#cs-resp)\n";
    write(
        &dir,
        &[
            ("annexes/a.md", format!("---\ntitre: A\n---\n\n{links}")),
            ("matrices/m.yaml", matrix("valeur: 12")),
            (
                "membres/bea.md",
                "---\nnom: Béa\ntype: personne\n---\n".into(),
            ),
            (ECOUTE, principle("titre: Écoute", "responsables: [alex]\n")),
        ],
    );
    let said = check(&dir, "en_US.UTF-8");
    assert!(said.is_empty(), "{said:#?}");
    // The letter O in a date: the hint's date passes.
    fs::write(
        dir.join(ECOUTE),
        principle(
            "titre: Écoute",
            "responsables: [alex]\nabroge_le: 2O26-01-01\n",
        ),
    )
    .expect("write");
    let said = check(&dir, "en_US.UTF-8");
    assert!(
        matches!(said.as_slice(), [one] if one.help.contains("`2026-01-01`")),
        "{said:#?}"
    );
    // Without a responsibility, `#cs-resp` is refused, with when it exists.
    fs::write(dir.join(ECOUTE), principle("titre: Écoute", "")).expect("write");
    let said = check(&dir, "en_US.UTF-8");
    assert!(
        matches!(said.as_slice(), [one] if one.code == "codesocial::link::anchor"
            && one.help.contains("only when a principle names them in `responsables`")),
        "{said:#?}"
    );
    // A missing anchor lists the template's ids too.
    fs::write(
        dir.join("annexes/a.md"),
        "---\ntitre: A\n---\n\n[x](../pyramide.yaml#nope)\n",
    )
    .expect("write");
    let said = check(&dir, "en_US.UTF-8");
    assert!(
        matches!(said.as_slice(), [one] if one.help.contains("`cs-capital`")),
        "{said:#?}"
    );
}

/// The text of the first `<h1>` of the page `page` (from the site's root) of the site
/// built from `dir`.
fn built_title(dir: &Path, page: &str) -> String {
    let out = dir.with_file_name("site");
    let built = crate::common::codesocial("en_US.UTF-8")
        .arg("build")
        .arg(dir)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run");
    assert!(built.status.success(), "{built:?}");
    let html = fs::read_to_string(out.join(page).join("index.html")).expect("page");
    let h1 = &html[html.find("<h1").expect("h1")..];
    h1[h1.find('>').expect("tag") + 1..h1.find("</h1>").expect("end")].to_string()
}

/// Only the opening `---` of a document deleted (issue 16, truth17): one error at line 1
/// saying to add that line, in both languages; the hint followed (one `---` line at the
/// top) gives a check that passes with the metadata read, not kept as body text: the
/// built page's title is the document's title.
#[test]
fn an_opening_line_deleted_is_named_and_adding_it_back_keeps_the_metadata() {
    let docs = [
        (
            "principes/social-humain/transparence.md",
            "principes/transparence",
        ),
        ("membres/claire.md", "membres/claire"),
        (
            "catalogue/atelier-decouverte-bois.md",
            "catalogue/atelier-decouverte-bois",
        ),
        ("histoire.md", "histoire"),
        ("annexes/glossaire.md", "annexes/glossaire"),
    ];
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("cs");
    for (path, page) in docs {
        copy_dir(&root().join("examples/cheznous"), &dir);
        let full = dir.join(path);
        let text = fs::read_to_string(&full).expect("read");
        let without = text.strip_prefix("---\n").expect("front matter");
        let title = without
            .lines()
            .find_map(|l| l.strip_prefix("titre: ").or(l.strip_prefix("nom: ")))
            .expect("title");
        fs::write(&full, without).expect("write");
        for (lang, message) in [
            (
                "en_US.UTF-8",
                "the opening `---` is missing: add one line `---` at line 1",
            ),
            (
                "fr_FR.UTF-8",
                "le `---` d’ouverture manque : ajoutez une ligne `---` à la ligne 1",
            ),
        ] {
            let said = check(&dir, lang);
            assert!(
                matches!(said.as_slice(), [one] if one.code == "codesocial::front-matter::missing"
                    && one.file.as_deref() == Some(path)
                    && one.line == Some(1)
                    && one.column == Some(1)
                    && one.message == message),
                "{path} ({lang}): {said:#?}"
            );
        }
        // The hint followed.
        fs::write(&full, format!("---\n{without}")).expect("write");
        let said = check(&dir, "en_US.UTF-8");
        assert!(said.is_empty(), "{path}, `---` added: {said:#?}");
        assert_eq!(built_title(&dir, page), title, "{path}");
    }
}

/// A link never closed and a reference with no definition: their hints followed (the
/// `)`, the definition) give a page `check` passes (issue 16, truth17).
#[test]
fn broken_links_hinted_fixes_give_a_page_check_passes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("cs");
    for (wrong, fixed) in [
        (
            "Voir [alex](../membres/alex.md pour plus.\n",
            "Voir [alex](../membres/alex.md) pour plus.\n",
        ),
        (
            "Voir [alex][fiche] pour plus.\n",
            "Voir [alex][fiche] pour plus.\n\n[fiche]: ../membres/alex.md\n",
        ),
    ] {
        let page = |body: &str| format!("---\ntitre: A\n---\n\n{body}");
        write(&dir, &[("annexes/a.md", page(wrong))]);
        assert_eq!(check(&dir, "en_US.UTF-8").len(), 1, "{wrong:?}");
        write(&dir, &[("annexes/a.md", page(fixed))]);
        let said = check(&dir, "en_US.UTF-8");
        assert!(said.is_empty(), "{fixed:?}: {said:#?}");
    }
}

/// A file saved in UTF-16 is named so, and bad UTF-8 is placed by line and column.
#[test]
fn encodings_are_named_and_placed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("cs");
    copy_dir(&root().join("examples/minimal"), &dir);
    let alex = dir.join("membres/alex.md");
    let text = fs::read_to_string(&alex).expect("read");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(&alex, utf16).expect("write");
    for (lang, words) in [
        ("en_US.UTF-8", "UTF-16 (LE)"),
        ("fr_FR.UTF-8", "UTF-16 (LE)"),
    ] {
        let said = check(&dir, lang);
        assert!(
            matches!(said.as_slice(), [one] if one.code == "codesocial::encoding::utf8"
                && one.message.contains(words) && one.help.contains("UTF-8")),
            "{said:#?}"
        );
    }
    fs::write(&alex, b"---\nnom: Al\xe9x\ntype: personne\n---\n").expect("write");
    let said = check(&dir, "en_US.UTF-8");
    assert!(
        matches!(said.as_slice(), [one] if one.message.contains("line 2, column 8")),
        "{said:#?}"
    );
}

/// Every item of every flow list of `examples/cheznous` (`[a, b]` on one line, unquoted),
/// written `item : suite`: YAML reads a key and its value, where the field takes text.
/// `check` (in process) gives one error, on that line, at the item, whose help quotes the
/// item; the item quoted so passes (truth18: the hint said "write the text on the key's
/// line").
#[test]
fn a_colon_inside_an_item_of_every_flow_list_is_one_error_hinting_quotes() {
    /// What is tried on an item: `item : suite` (the column of the item), or, once a list,
    /// that text quoted, the fix.
    #[derive(Debug)]
    enum Trial {
        Colon { written: String, column: usize },
        Quoted,
    }
    crate::autocorrect::each_line_changed(
        40,
        |at| {
            let line = at.line;
            let Some(open) = line.find(": [").map(|c| c + 2) else {
                return Vec::new();
            };
            let Some(close) = line[open..].find(']').map(|c| open + c) else {
                return Vec::new();
            };
            let inner = &line[open + 1..close];
            if inner.contains(['[', '{', '"', '\'', '#', ':']) || inner.trim().is_empty() {
                return Vec::new();
            }
            let mut trials = Vec::new();
            let mut start = open + 1;
            for (k, piece) in inner.split(',').enumerate() {
                let lead = piece.len() - piece.trim_start().len();
                let item = start + lead..start + piece.trim_end().len();
                start += piece.len() + 1;
                let written = format!("{} : suite", &line[item.clone()]);
                let column = line[..item.start].chars().count() + 1;
                trials.push((
                    at.replaced(item.clone(), &written),
                    Trial::Colon {
                        written: written.clone(),
                        column,
                    },
                ));
                if k == 0 {
                    trials.push((at.replaced(item, &format!("\"{written}\"")), Trial::Quoted));
                }
            }
            trials
        },
        |at, trial, said| match trial {
            Trial::Colon { written, column } => matches!(said, [one]
                if one.code == "codesocial::schema::type"
                    && one.line == Some(at.n)
                    && one.column == Some(*column)
                    && one.help.as_deref().is_some_and(|h| h.contains(&format!("\"{written}\"")))),
            // A reference (`liens`, `responsables`) quoted is still no known id: only the
            // type error must go.
            Trial::Quoted => !said.iter().any(|d| d.code == "codesocial::schema::type"),
        },
    );
}

/// A line of 200 broken links, of each kind (a missing page, an undefined reference, a
/// space before the target): the human report shows three diagnostics of its code for the
/// line, the third counting the rest with their columns, in both languages; another
/// line's own links are shown on their own; JSON keeps every one (truth18: 200 warnings
/// for one line).
#[test]
fn a_line_of_many_broken_links_is_capped_with_a_count() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("cs");
    copy_dir(&root().join("examples/minimal"), &dir);
    let path = dir.join("histoire.md");
    let text = fs::read_to_string(&path).expect("read");
    for (link, code) in [
        ("[voir](absent-{}.md)", "codesocial::link::file"),
        ("[voir][nulle-{}]", "codesocial::link::undefined-reference"),
        (
            "[voir] (histoire.md)",
            "codesocial::link::space-before-target",
        ),
    ] {
        let line: Vec<String> = (0..200)
            .map(|i| link.replace("{}", &i.to_string()))
            .collect();
        let page = format!("{text}\n{}\n\n{}\n", line.join(" "), line[..2].join(" "));
        fs::write(&path, &page).expect("write");
        let capped = page.lines().count() - 2;
        for (lang, more) in [
            ("en_US.UTF-8", "and 197 more on this line (columns "),
            ("fr_FR.UTF-8", "et 197 autres sur cette ligne (colonnes "),
        ] {
            let o = crate::common::command(lang)
                .arg("check")
                .arg(&dir)
                .output()
                .expect("run");
            let human = String::from_utf8_lossy(&o.stdout).to_string()
                + &String::from_utf8_lossy(&o.stderr);
            let at = |n: usize| format!("[histoire.md:{n}:");
            let reports: Vec<&str> = human.split(code).skip(1).collect();
            let on = |n: usize| reports.iter().filter(|r| r.contains(&at(n))).count();
            assert_eq!(on(capped), 3, "{code} {lang}: {human}");
            assert_eq!(human.matches(more).count(), 1, "{code} {lang}: {human}");
            assert_eq!(on(capped + 2), 2, "{code} {lang}: {human}");
            let all = check(&dir, lang);
            assert_eq!(all.iter().filter(|d| d.code == code).count(), 202, "{lang}");
        }
    }
}

/// Issue 16 (B): the key of the objectives misspelt (`objectif’s:`, `objectif:`) is one
/// error, the unknown key: the missions that cite the objectives it holds do not add one
/// "unknown objective" each, with a hint to list them where they are listed.
#[test]
fn a_misspelt_list_of_objectives_is_one_error_not_one_per_mission() {
    for typo in ["objectif\u{2019}s:", "objectif:", "Objectifs:"] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("cs");
        copy_dir(&root().join("examples/cheznous"), &dir);
        let path = dir.join("raison-d-etre.md");
        let text = fs::read_to_string(&path).expect("read");
        assert!(
            text.contains("\nobjectifs:"),
            "the example lists objectives"
        );
        fs::write(
            &path,
            text.replacen("\nobjectifs:", &format!("\n{typo}"), 1),
        )
        .expect("write");
        for lang in [crate::common::FR, crate::common::EN] {
            let errors: Vec<_> = crate::truth::check_json(&dir, lang)
                .into_iter()
                .filter(|d| d["severity"] == "error")
                .collect();
            assert_eq!(errors.len(), 1, "{typo} {lang}: {errors:#?}");
            assert_eq!(
                errors[0]["code"], "codesocial::schema::unknown-key",
                "{typo}"
            );
            assert_eq!(errors[0]["file"], "raison-d-etre.md", "{typo}");
        }
    }
}
