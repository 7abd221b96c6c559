# Labels of record fields on record pages (`field-<name>`), and headings of back-references
# (`backrefs-<this collection>-<referring collection>`), Latvian.

field-date = Datums
field-end_date = Beigu datums
field-town = Pilsēta
field-towns = Pilsētas
field-venue = Norises vieta
field-kind = Veids
field-participants = Dalībnieki
field-minorities = Mazākumtautību pārstāvji
field-volunteers = Brīvprātīgie
field-visitors = Sabiedrības pārstāvji
field-locals = Vietējie iedzīvotāji
field-organisations = Organizācijas
field-plays = Izrādes
field-photo = Fotoattēls
field-gallery = Galerija
field-about = Pasākums
field-lessons = Nodarbības
field-staged_at = Iestudēta pasākumā
field-cast = Aktieri
field-author = Autors
field-channel = Kanāls
field-minutes = Ilgums minūtēs
field-newspaper = Laikraksts
field-language = Valoda
field-copies = Tirāža
field-pages = Lappuses
field-number = Numurs
field-image = Attēls
field-region = Reģions
field-country = Valsts
field-order = Kārtas numurs
field-promoter = Projekta īstenotājs
field-grant_eur = EEZ grantu finansējums
field-places = Norises vietas
field-video = Video

backrefs-towns-events = Pasākumi šajā pilsētā
backrefs-towns-plays = Izrādes šajā pilsētā
backrefs-towns-courses = Kursi šajā pilsētā
backrefs-towns-pages = Lapas, kurās minēta šī pilsēta
backrefs-plays-events = Pasākumi, kuros izrāde rādīta
backrefs-events-plays = Šajā pasākumā iestudētās izrādes
backrefs-events-press = Preses relīzes par šo pasākumu
backrefs-events-broadcasts = TV raidījumi par šo pasākumu
backrefs-events-publications = Publikācijas par šo pasākumu
