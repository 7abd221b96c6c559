# The default theme's interface strings (Latvian). The site's own locales/lv/*.ftl override these.
# Plurals follow CLDR for Latvian: [zero] 0, 10–20, 30, 40…; [one] 1, 21, 31… (not 11); *[other] the rest.

skip-to-content = Pāriet uz saturu
language-switcher = Valoda
nav-main = Sadaļas
feed-atom = Jaunumu plūsma (Atom)
feed-rss = Jaunumu plūsma (RSS)
feed-calendar = Pasākumu kalendārs (iCalendar)
footer-made-with = Vietne izveidota ar statisko vietņu ģeneratoru vestis.

search-label = Meklēt vietnē
# $count is filled in by the browser script, after the page is built.
search-count = Atrasto ierakstu skaits: { $count }
search-none = Nekas netika atrasts.
search-short = Ierakstiet vismaz divus burtus.
search-broad = Ierakstiet garāku vārdu: tik īss atrod pārāk daudz.
# A word in very many records: the search shows its best matches. $word is the word as typed,
# $total how many records have it.
search-best = Labākie atbilstošie ieraksti: { $count } (vārds “{ $word }” ir { $total } ierakstos; pievienojiet vēl kādu vārdu, lai atrastu citus).
search-error = Meklēšanas indeksu neizdevās ielādēt.

pagination-label = Lapas
pagination-prev = Iepriekšējā lapa
pagination-next = Nākamā lapa
pagination-page = { $number }. lapa
pagination-status = { $current }. lapa no { $total }

list-count =
    { $count ->
        [zero] { $count } ierakstu
        [one] { $count } ieraksts
       *[other] { $count } ieraksti
    }
list-empty = Šeit vēl nav neviena ieraksta.

record-facts = Fakti
untranslated-notice = Šis teksts vēl nav pārtulkots latviešu valodā, tāpēc tas parādīts oriģinālvalodā.
value-yes = Jā
value-no = Nē
money-eur = { $amount } €
event-participants =
    { $count ->
        [zero] { $count } dalībnieku
        [one] { $count } dalībnieks
       *[other] { $count } dalībnieki
    }
postcard-number = Nr. { $number }
press-source = Šīs preses relīzes adrese internetā:

not-found-title = Lapa nav atrasta
not-found-text = Meklētā lapa neeksistē vai ir pārvietota.
not-found-home = Dodieties uz sākumlapu:

# Videos (partials/video.html). $host is the video's site, e.g. youtube.com: the player is
# loaded from it only after the reader presses the button.
video-play = Atskaņot — ielādē saturu no { $host }
video-watch-on = Skatīties vietnē { $host }
video-download = Lejupielādēt video

# Pages at old addresses (a renamed record's old address, `aliases`, a removed record)
redirect-title = Lapa ir pārcelta
redirect-text = Šī lapa tagad atrodas šeit:
gone-title = Lapa ir noņemta
gone-text = Šīs lapas vairs nav vietnē.
gone-list = Skatīt sarakstu

# Galleries (partials/gallery.html, gallery.js). $number of $count names a photo without alt text.
gallery-photo = Fotoattēls { $number } no { $count }
gallery-previous = Iepriekšējais
gallery-next = Nākamais
gallery-close = Aizvērt
