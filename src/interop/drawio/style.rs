//! draw.io's style strings (`key=value;key=value;name;`), read without copying.

/// An AWS shape name from a style, without its `mxgraph.awsN.` prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AwsName<'a> {
    /// draw.io's current AWS shapes (`mxgraph.aws4.<name>`).
    Aws4(&'a str),
    /// The older set (`mxgraph.aws3.<name>`).
    Aws3(&'a str),
}

/// A parsed style: its named base style (the first entry without `=`, like `text` or `group`)
/// and its key/value pairs in order (a later key wins).
#[derive(Debug, Default)]
pub(crate) struct Style<'a> {
    named: Option<&'a str>,
    pairs: Vec<(&'a str, &'a str)>,
}

impl<'a> Style<'a> {
    /// Splits a style string; empty entries are skipped.
    pub(crate) fn parse(text: &'a str) -> Style<'a> {
        let mut style = Style::default();
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            match part.split_once('=') {
                Some((k, v)) => style.pairs.push((k.trim(), v.trim())),
                None if style.named.is_none() => style.named = Some(part),
                None => {}
            }
        }
        style
    }

    /// The value of `key`, the last one when it repeats.
    pub(crate) fn get(&self, key: &str) -> Option<&'a str> {
        self.pairs.iter().rev().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }

    /// The named base style, if any (`text`, `group`, `ellipse`, ...).
    pub(crate) fn named(&self) -> Option<&'a str> {
        self.named
    }

    /// The AWS shape the style draws: the aws4 resource or product icon, else the aws4 shape,
    /// else an older aws3 shape. `None` for anything else.
    pub(crate) fn aws_name(&self) -> Option<AwsName<'a>> {
        let shape = self.get("shape").or(self.named).unwrap_or("");
        if let Some(icon) = self.get("resIcon").and_then(|r| r.strip_prefix("mxgraph.aws4.")) {
            return Some(AwsName::Aws4(icon));
        }
        if let Some(name) = shape.strip_prefix("mxgraph.aws4.") {
            return (!matches!(name, "resourceIcon" | "productIcon" | "group" | "groupCenter"))
                .then_some(AwsName::Aws4(name));
        }
        shape
            .strip_prefix("mxgraph.aws3.")
            .or_else(|| shape.strip_prefix("mxgraph.aws3d."))
            .map(AwsName::Aws3)
    }

    /// Whether the style draws an AWS group box (`mxgraph.aws4.group`/`groupCenter`, or has a
    /// group icon).
    pub(crate) fn is_aws_group(&self) -> bool {
        let shape = self.get("shape").unwrap_or("");
        shape == "mxgraph.aws4.group" || shape == "mxgraph.aws4.groupCenter" || self.get("grIcon").is_some()
    }

    /// Whether the style is plain text (draw.io's `text` base style).
    pub(crate) fn is_text(&self) -> bool {
        self.named == Some("text") && self.get("shape").is_none()
    }

    /// Whether the style is the sidebar's availability-zone box (dashed, `#147EBA`, no fill).
    pub(crate) fn is_az(&self) -> bool {
        self.get("dashed") == Some("1")
            && self
                .get("strokeColor")
                .is_some_and(|c| c.eq_ignore_ascii_case("#147EBA"))
            && self.get("grIcon").is_none()
    }

    /// Whether the style draws a cylinder (a database in most diagrams).
    pub(crate) fn is_cylinder(&self) -> bool {
        let shape = self.get("shape").or(self.named).unwrap_or("");
        matches!(
            shape,
            "cylinder" | "cylinder2" | "cylinder3" | "datastore" | "mxgraph.flowchart.database"
        )
    }
}
