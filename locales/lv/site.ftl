# Site-specific messages of the "Baltā māja" example site (Latvian).
# Collection names (navigation) and enum labels (<collection>-<field>-<value>).
# Field labels (field-<name>) come from the theme; a message here overrides the theme's.

## Collections

collection-events = Pasākumi
collection-press = Preses relīzes
collection-courses = Kursi
collection-plays = Izrādes
collection-broadcasts = Raidījumi
collection-publications = Publikācijas
collection-prints = Izdevumi
collection-postcards = Pastkartes
collection-towns = Pilsētas
collection-pages = Lapas

## Enum labels

events-kind-show = Interaktīvs šovs
events-kind-stage = Integrācijas skatuve
events-kind-training = Apmācība
events-kind-exchange = Pieredzes apmaiņa
events-kind-collaboration = Sadarbības pasākums
events-kind-info = Informatīvs pasākums

courses-kind-language = Valodas kurss
courses-kind-integration = Integrācijas kurss

publications-kind-article = Raksts
publications-kind-advertisement = Sludinājums
publications-language-lv = Latviešu valodā
publications-language-ru = Krievu valodā

prints-kind-booklet = Informatīvs izdevums
prints-kind-calendar = Kalendārs

towns-country-lv = Latvija
towns-country-lt = Lietuva

## Share cards (the funding line at the bottom of each card)

share-card-funding = Ar Islandes, Lihtenšteinas un Norvēģijas finansiālu atbalstu, izmantojot EEZ finanšu instrumentu
