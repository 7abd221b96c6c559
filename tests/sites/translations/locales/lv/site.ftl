site-tagline = Sauklis
count = { $n ->
    [zero] { $n } ierakstu
    [one] { $n } ieraksts
   *[other] { $n } ieraksti
}
leftover = Neizmantots
