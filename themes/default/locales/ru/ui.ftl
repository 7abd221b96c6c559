# The default theme's interface strings (Russian). The site's own locales/ru/*.ftl override these.
# Plurals follow CLDR for Russian: [one] 1, 21, 31… (not 11); [few] 2–4, 22–24… (not 12–14);
# [many] 0, 5–20, 25–30…; *[other] fractions.

skip-to-content = Перейти к содержанию
language-switcher = Язык
nav-main = Разделы
feed-atom = Лента новостей (Atom)
feed-rss = Лента новостей (RSS)
feed-calendar = Календарь мероприятий (iCalendar)
footer-made-with = Сайт создан с помощью генератора статических сайтов vestis.

search-label = Поиск по сайту
# $count is filled in by the browser script, after the page is built.
search-count = Найдено записей: { $count }
search-none = Ничего не найдено.
search-short = Введите хотя бы две буквы.
search-broad = Введите слово длиннее: такое короткое находит слишком много.
search-best = Лучшие совпадения: { $count } (слово «{ $word }» есть в { $total } записях; добавьте ещё слово, чтобы найти другие).
search-error = Не удалось загрузить поисковый индекс.

pagination-label = Страницы
pagination-prev = Предыдущая страница
pagination-next = Следующая страница
pagination-page = Страница { $number }
pagination-status = страница { $current } из { $total }

list-count =
    { $count ->
        [one] { $count } запись
        [few] { $count } записи
        [many] { $count } записей
       *[other] { $count } записи
    }
list-empty = Здесь пока нет ни одной записи.

record-facts = Факты
untranslated-notice = Этот текст ещё не переведён на русский язык, поэтому он показан на языке оригинала.
value-yes = Да
value-no = Нет
money-eur = { $amount } €
event-participants =
    { $count ->
        [one] { $count } участник
        [few] { $count } участника
        [many] { $count } участников
       *[other] { $count } участника
    }
postcard-number = № { $number }
press-source = Адрес этого пресс-релиза в интернете:

not-found-title = Страница не найдена
not-found-text = Запрошенной страницы нет или она перемещена.
not-found-home = Перейдите на главную страницу:

# Videos (partials/video.html). $host is the video's site, e.g. youtube.com: the player is
# loaded from it only after the reader presses the button.
video-play = Воспроизвести — загружает содержимое с { $host }
video-watch-on = Смотреть на сайте { $host }
video-download = Скачать видео

# Pages at old addresses (a renamed record's old address, `aliases`, a removed record)
redirect-title = Страница перенесена
redirect-text = Теперь эта страница находится здесь:
gone-title = Страница удалена
gone-text = Этой страницы больше нет на сайте.
gone-list = Посмотреть список

# Galleries (partials/gallery.html, gallery.js). $number of $count names a photo without alt text.
gallery-photo = Фотография { $number } из { $count }
gallery-previous = Предыдущая
gallery-next = Следующая
gallery-close = Закрыть
