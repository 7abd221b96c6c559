# The site's own messages in Latvian: collection names (navigation) and enum labels
# (<collection>-<field>-<value>). A message here overrides the theme's message with the same id.

## Collections

collection-events = Pasākumi
collection-press = Preses relīzes
collection-courses = Kursi
collection-plays = Izrādes
collection-broadcasts = Raidījumi
collection-publications = Publikācijas
collection-postcards = Pastkartes
collection-towns = Pilsētas
collection-pages = Lapas

## Enum labels

events-kind-show = Teātra šovs
events-kind-training = Apmācība
events-kind-info = Informatīvs pasākums

courses-kind-language = Valodas kurss
courses-kind-integration = Integrācijas kurss

publications-kind-article = Raksts
publications-kind-advertisement = Sludinājums
