//! The 27 units of the federation.

/// Each UF with its name.
const NAMED: [(&str, &str); 27] = [
    ("AC", "Acre"),
    ("AL", "Alagoas"),
    ("AM", "Amazonas"),
    ("AP", "Amapá"),
    ("BA", "Bahia"),
    ("CE", "Ceará"),
    ("DF", "Distrito Federal"),
    ("ES", "Espírito Santo"),
    ("GO", "Goiás"),
    ("MA", "Maranhão"),
    ("MG", "Minas Gerais"),
    ("MS", "Mato Grosso do Sul"),
    ("MT", "Mato Grosso"),
    ("PA", "Pará"),
    ("PB", "Paraíba"),
    ("PE", "Pernambuco"),
    ("PI", "Piauí"),
    ("PR", "Paraná"),
    ("RJ", "Rio de Janeiro"),
    ("RN", "Rio Grande do Norte"),
    ("RO", "Rondônia"),
    ("RR", "Roraima"),
    ("RS", "Rio Grande do Sul"),
    ("SC", "Santa Catarina"),
    ("SE", "Sergipe"),
    ("SP", "São Paulo"),
    ("TO", "Tocantins"),
];

/// The UFs, as forms offer and validate them.
pub const UFS: [&str; 27] = {
    let mut ufs = [""; 27];
    let mut index = 0;
    while index < NAMED.len() {
        ufs[index] = NAMED[index].0;
        index += 1;
    }
    ufs
};

/// The state's name, or the UF itself when it is not one.
pub fn state_name(uf: &str) -> &str {
    NAMED.iter().find(|(code, _)| *code == uf).map_or(uf, |(_, name)| name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_follow_their_ufs() {
        assert_eq!(super::state_name("SP"), "São Paulo");
        assert_eq!(super::state_name("XX"), "XX");
        assert_eq!(super::UFS[26], "TO");
    }
}
