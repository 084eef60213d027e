//! Synthetic #CodeSocial repositories for benchmarks: any number of offers, principles and
//! members, valid by construction (`codesocial check` reports no error and no warning),
//! with a git history of N commits whose last one changes exactly one file.
//!
//! ```text
//! cargo run --release --example gen -- OUT [--offers N] [--principles N] [--members N]
//!     [--commits N] [--hugo DIR]
//! ```
//!
//! `--hugo DIR` also writes a bare Hugo site whose `content/` holds the very same Markdown
//! bodies (titles in Hugo's front matter), so both tools render identical text.
//! Output is deterministic: the same parameters give byte-identical files and commits.

use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

type Res<T> = Result<T, Box<dyn Error>>;

/// The seven default plans of the format, in order.
const PLANS: [&str; 7] = [
    "social-humain",
    "economique",
    "ecologique",
    "scientifique-technologique",
    "juridique",
    "financier",
    "artistique-culturel",
];

const WORDS: [&str; 48] = [
    "atelier",
    "commun",
    "coopération",
    "membre",
    "projet",
    "valeur",
    "temps",
    "partage",
    "outil",
    "territoire",
    "confiance",
    "décision",
    "contribution",
    "richesse",
    "lieu",
    "savoir",
    "réemploi",
    "bois",
    "jardin",
    "festival",
    "service",
    "produit",
    "formation",
    "écoute",
    "recette",
    "collectif",
    "rémunération",
    "transparence",
    "gouvernance",
    "cercle",
    "assemblée",
    "matériau",
    "énergie",
    "quartier",
    "voisin",
    "client",
    "réseau",
    "licence",
    "logiciel",
    "données",
    "culture",
    "résidence",
    "artiste",
    "fabrication",
    "réparation",
    "accueil",
    "engagement",
    "équilibre",
];

/// Size parameters, from the command line.
struct Params {
    out: PathBuf,
    offers: usize,
    principles: usize,
    members: usize,
    commits: usize,
    hugo: Option<PathBuf>,
}

fn main() {
    if let Err(e) = generate(std::env::args().skip(1)) {
        eprintln!("gen: {e}");
        std::process::exit(2);
    }
}

/// Generates the repository the arguments describe (also used by `tests/gen.rs`).
pub fn generate(args: impl Iterator<Item = String>) -> Res<()> {
    let p = parse_args(args)?;
    if p.out.exists() {
        return Err(format!("{} exists: choose a new folder", p.out.display()).into());
    }
    let docs = documents(&p);
    for doc in &docs {
        write(&p.out.join(&doc.path), &doc.source())?;
    }
    for (path, text) in yaml_files(&p) {
        write(&p.out.join(path), &text)?;
    }
    if let Some(h) = &p.hugo {
        write_hugo(h, &docs)?;
    }
    history(&p, &docs)?;
    Ok(())
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Res<Params> {
    let mut p = Params {
        out: PathBuf::new(),
        offers: 1000,
        principles: 100,
        members: 100,
        commits: 10,
        hugo: None,
    };
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--offers" => p.offers = value()?.parse()?,
            "--principles" => p.principles = value()?.parse()?,
            "--members" => p.members = value()?.parse()?,
            "--commits" => p.commits = value()?.parse()?,
            "--hugo" => p.hugo = Some(PathBuf::from(value()?)),
            s if s.starts_with('-') => return Err(format!("unknown option {s}").into()),
            s => p.out = PathBuf::from(s),
        }
    }
    if p.out.as_os_str().is_empty() {
        return Err(
            "usage: gen OUT [--offers N] [--principles N] [--members N] \
                    [--commits N] [--hugo DIR]"
                .into(),
        );
    }
    p.principles = p.principles.max(PLANS.len());
    p.members = p.members.max(2);
    p.commits = p.commits.max(1);
    Ok(p)
}

/// One Markdown document: where it goes, its front matter and body.
struct Doc {
    path: String,
    title: String,
    front: String,
    body: String,
}

impl Doc {
    fn source(&self) -> String {
        format!("---\n{}---\n\n{}", self.front, self.body)
    }
}

/// A small deterministic generator (xorshift), so runs are reproducible without a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            let w = WORDS[self.below(WORDS.len())];
            if i == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    s.extend(f.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self) -> String {
        let n = 3 + self.below(3);
        let v: Vec<String> = (0..n)
            .map(|_| {
                let len = 8 + self.below(8);
                self.sentence(len)
            })
            .collect();
        wrap(&v.join(" "))
    }
}

/// Wraps text at about 90 columns, as people write Markdown.
fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut col = 0;
    for w in text.split(' ') {
        if col > 0 && col + w.chars().count() > 90 {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(w);
        col += w.chars().count();
    }
    out
}

fn member_id(i: usize) -> String {
    format!("membre-{i:05}")
}

fn principle_id(i: usize) -> String {
    format!("principe-{i:05}")
}

fn offer_id(i: usize) -> String {
    format!("offre-{i:05}")
}

fn plan_of(i: usize) -> &'static str {
    PLANS[i % PLANS.len()]
}

/// A body: paragraphs under `##` headings, a list, a table and one relative cross-link
/// (to a heading of another document, so anchors are checked too).
fn body(rng: &mut Rng, link_text: &str, link: &str) -> String {
    let mut b = String::new();
    let _ = writeln!(b, "{}\n", rng.paragraph());
    let _ = writeln!(b, "## Contexte\n\n{}\n", rng.paragraph());
    let _ = writeln!(
        b,
        "Voir aussi [{link_text}]({link}#contexte).\n\n## En pratique\n"
    );
    for _ in 0..4 {
        let len = 5 + rng.below(5);
        let _ = writeln!(b, "- {}", rng.sentence(len));
    }
    let _ = writeln!(b, "\n| Richesse | Mesure | Valeur |\n|---|---|---|");
    for _ in 0..3 {
        let w = WORDS[rng.below(WORDS.len())];
        let _ = writeln!(b, "| {w} | heure | {} |", 1 + rng.below(100));
    }
    let _ = writeln!(b, "\n## Limites\n\n{}", rng.paragraph());
    b
}

fn documents(p: &Params) -> Vec<Doc> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut docs = fixed_documents(p, &mut rng);
    docs.extend((0..p.members).map(|i| member(p, i, &mut rng)));
    docs.extend((0..p.principles).map(|i| principle(p, i, &mut rng)));
    docs.extend((0..p.offers).map(|i| offer(p, i, &mut rng)));
    docs
}

fn fixed_documents(p: &Params, rng: &mut Rng) -> Vec<Doc> {
    let first = format!("membres/{}.md", member_id(0));
    let mut jalons = String::from("jalons:\n");
    for (y, m) in [(2013, 0), (2016, 1), (2021, p.members - 1)] {
        let _ = writeln!(
            jalons,
            "  - {{ date: {y}, titre: Étape {y}, acteurs: [{}] }}",
            member_id(m)
        );
    }
    vec![
        Doc {
            path: "raison-d-etre.md".into(),
            title: "Raison d'être".into(),
            front: "titre: Raison d'être\n".into(),
            body: body(rng, "le premier membre", &first),
        },
        Doc {
            path: "histoire.md".into(),
            title: "Histoire".into(),
            front: format!("titre: Histoire\n{jalons}"),
            body: body(rng, "le premier membre", &first),
        },
        Doc {
            path: "modification.md".into(),
            title: "Modalités de modification".into(),
            front: "titre: Modalités de modification\nregles:\n  - classe: simple\n    \
                    methode: consentement\n"
                .into(),
            body: body(rng, "le premier membre", &first),
        },
    ]
}

fn member(p: &Params, i: usize, rng: &mut Rng) -> Doc {
    let other = member_id((i + 1) % p.members);
    let kind = ["personne", "organisation", "collectif"][i % 3];
    Doc {
        path: format!("membres/{}.md", member_id(i)),
        title: format!("Membre {i}"),
        front: format!("nom: Membre {i}\ntype: {kind}\nterritoire: Villeneuve\n"),
        body: body(rng, "un autre membre", &format!("{other}.md")),
    }
}

fn principle(p: &Params, i: usize, rng: &mut Rng) -> Doc {
    let next = (i + 1) % p.principles;
    let prev = (i + p.principles - 1) % p.principles;
    let link = format!("../{}/{}.md", plan_of(next), principle_id(next));
    Doc {
        path: format!("principes/{}/{}.md", plan_of(i), principle_id(i)),
        title: format!("Principe {i}"),
        front: format!(
            "titre: Principe {i}\ntype: principe\nstatut: adopte\nadopte_le: 2020-01-{:02}\n\
             classe: simple\nversion: 1\nresponsables: [{}]\nliens: [{}, {}]\n\
             mots_cles: [{}]\n",
            1 + i % 28,
            member_id(i % p.members),
            principle_id(next),
            principle_id(prev),
            WORDS[i % WORDS.len()],
        ),
        body: body(rng, "le principe suivant", &link),
    }
}

fn offer(p: &Params, i: usize, rng: &mut Rng) -> Doc {
    let next = offer_id((i + 1) % p.offers.max(1));
    let members = format!(
        "{}, {}",
        member_id(i % p.members),
        member_id((i + 7) % p.members)
    );
    Doc {
        path: format!("catalogue/{}.md", offer_id(i)),
        title: format!("Offre {i}"),
        front: format!(
            "titre: Offre {i}\ntype: {}\nmembres: [{members}]\nplans: [{}]\n\
             tarif: {{ montant: {}, devise: EUR, unite: heure }}\nprincipes: [{}]\n\
             complementaire_de: [{next}]\n",
            if i.is_multiple_of(2) {
                "service"
            } else {
                "produit"
            },
            plan_of(i),
            20 + i % 80,
            principle_id(i % p.principles),
        ),
        body: body(rng, "une offre voisine", &format!("{next}.md")),
    }
}

/// The manifest, the pyramid (every member holds a role, so none is unused) and one wealth
/// matrix per 50 members.
fn yaml_files(p: &Params) -> Vec<(String, String)> {
    let manifest = "codesocial: 1\norganisation:\n  nom: Synthétique\n  id: synthetique\n  \
                    licence: CC-BY-SA-4.0\nlangue: fr\nsite:\n  titre: \"Le #CodeSocial \
                    synthétique\"\n  url: https://bench.example.org/\n";
    let mut pyramide = format!(
        "auteurs: [{{ membre: {}, depuis: 2013-05-01 }}]\nediteurs: [{{ membre: {} }}]\n\
         producteurs:\n",
        member_id(0),
        member_id(1)
    );
    for i in 2..p.members {
        let _ = writeln!(pyramide, "  - {{ membre: {} }}", member_id(i));
    }
    let mut files = vec![
        ("codesocial.yaml".to_string(), manifest.to_string()),
        ("pyramide.yaml".to_string(), pyramide),
    ];
    for m in 0..p.members.div_ceil(50) {
        let mut flux = format!(
            "titre: Matrice {m}\ncontexte: {{ type: projet, description: Projet {m} }}\n\
             periode: {{ du: 2024-01-01, au: 2024-12-31 }}\nflux:\n"
        );
        for k in 0..5 {
            let de = member_id((m * 50 + k) % p.members);
            let vers = member_id((m * 50 + k + 1) % p.members);
            let _ = writeln!(
                flux,
                "  - {{ de: {de}, vers: {vers}, richesse: Temps, nature: immaterielle, \
                 mesure: quantitative, valeur: {}, unite: heure }}",
                10 + k
            );
        }
        files.push((format!("matrices/matrice-{m:03}.yaml"), flux));
    }
    files
}

fn write(path: &Path, text: &str) -> Res<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(path, text)?;
    Ok(())
}

/// The same bodies as a bare Hugo site: one `single.html` and one `list.html`.
fn write_hugo(dir: &Path, docs: &[Doc]) -> Res<()> {
    if dir.exists() {
        return Err(format!("{} exists: choose a new folder", dir.display()).into());
    }
    write(
        &dir.join("config.toml"),
        "baseURL = 'https://bench.example.org/'\ntitle = 'Bench'\n\
         disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']\n",
    )?;
    let page = "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>\
                <h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n";
    let list = "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>\
                <h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">\
                {{ .Title }}</a></li>{{ end }}</ul></body></html>\n";
    write(&dir.join("layouts/_default/single.html"), page)?;
    write(&dir.join("layouts/_default/list.html"), list)?;
    for d in docs {
        let path = dir.join("content").join(&d.path);
        let title = d.title.replace('\'', "''");
        write(&path, &format!("---\ntitle: '{title}'\n---\n\n{}", d.body))?;
    }
    Ok(())
}

/// A history of `commits` commits: everything at first, then one offer (or member) edited
/// per commit, so `diff HEAD~1 HEAD` sees exactly one changed file.
fn history(p: &Params, docs: &[Doc]) -> Res<()> {
    git(&p.out, &["init", "-q", "-b", "main"], 0)?;
    git(&p.out, &["add", "-A"], 0)?;
    git(&p.out, &["commit", "-q", "-m", "Premier #CodeSocial"], 0)?;
    let editable: Vec<&Doc> = docs
        .iter()
        .filter(|d| d.path.starts_with("catalogue/") || d.path.starts_with("membres/"))
        .collect();
    for c in 1..p.commits {
        let doc = editable[(c * 7919) % editable.len()];
        let edited = format!(
            "{}\nRévision {c} : {}\n",
            doc.source(),
            WORDS[c % WORDS.len()]
        );
        write(&p.out.join(&doc.path), &edited)?;
        git(&p.out, &["add", &doc.path], c)?;
        let msg = format!("Révision {c} de {}", doc.path);
        git(&p.out, &["commit", "-q", "-m", &msg], c)?;
    }
    Ok(())
}

/// Runs git in `dir` with a fixed identity and a date `step` days after the first commit.
fn git(dir: &Path, args: &[&str], step: usize) -> Res<()> {
    let date = format!("{} +0000", 1_600_000_000 + step as u64 * 86_400);
    let status = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Bench",
            "-c",
            "user.email=bench@example.org",
        ])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .status()?;
    if !status.success() {
        return Err(format!("git {} failed", args.join(" ")).into());
    }
    Ok(())
}
