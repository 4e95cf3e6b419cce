# Sorting names the way the native engine does (`a.localeCompare(b, "en")`, ICU's root collation), so
# that hyperparameter columns come out in the same order on any machine. R's own sort() follows the
# process locale (a container's C locale puts "TV_S" before "facebook_I"), and Robyn's names are only
# matched, never ordered, by Robyn, so the order is ours to fix.
#
# ICU orders, at the first level, spaces and punctuation (in the order below) before digits before
# letters, ignoring case; ties are broken with lower case before upper case at the first difference.

COLLATION_PUNCTUATION <- strsplit(" _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$", "")[[1]]

collation_primary <- function(name) {
  chars <- strsplit(name, "")[[1]]
  codes <- vapply(chars, function(ch) {
    punctuation <- match(ch, COLLATION_PUNCTUATION)
    if (!is.na(punctuation)) {
      return(sprintf("%03d", punctuation))
    }
    if (grepl("^[0-9]$", ch)) {
      return(sprintf("%03d", 100L + as.integer(ch)))
    }
    lower <- tolower(ch)
    if (grepl("^[a-z]$", lower)) {
      return(sprintf("%03d", 200L + utf8ToInt(lower) - utf8ToInt("a")))
    }
    sprintf("%03d", 300L + (utf8ToInt(ch) %% 700L))
  }, character(1))
  paste(codes, collapse = "")
}

collation_case <- function(name) {
  chars <- strsplit(name, "")[[1]]
  paste(ifelse(chars != tolower(chars), "1", "0"), collapse = "")
}

sort_names <- function(names) {
  if (length(names) == 0) {
    return(character(0))
  }
  primary <- vapply(names, collation_primary, character(1))
  case <- vapply(names, collation_case, character(1))
  names[order(primary, case, method = "radix")]
}
