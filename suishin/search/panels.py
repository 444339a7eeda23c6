"""Search shows no panel on the home page: the search box is in every page's header. This
module stays empty so that search has the file set every app has."""
