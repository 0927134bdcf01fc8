"""Article extraction: from normalised page text to dated, attributed articles (see ``stage``)."""
