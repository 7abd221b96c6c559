# Site-specific messages of the "Baltā māja" example site (Russian).
# Collection names (navigation) and enum labels (<collection>-<field>-<value>).
# Field labels (field-<name>) come from the theme; a message here overrides the theme's.

## Collections

collection-events = Мероприятия
collection-press = Пресс-релизы
collection-courses = Курсы
collection-plays = Спектакли
collection-broadcasts = Телепередачи
collection-publications = Публикации
collection-prints = Издания
collection-postcards = Открытки
collection-towns = Города
collection-pages = Страницы

## Enum labels

events-kind-show = Интерактивное шоу
events-kind-stage = Сцена интеграции
events-kind-training = Тренинг
events-kind-exchange = Обмен опытом
events-kind-collaboration = Встреча по сотрудничеству
events-kind-info = Информационное мероприятие

courses-kind-language = Языковой курс
courses-kind-integration = Курс интеграции

publications-kind-article = Статья
publications-kind-advertisement = Объявление
publications-language-lv = На латышском языке
publications-language-ru = На русском языке

prints-kind-booklet = Информационное издание
prints-kind-calendar = Календарь

towns-country-lv = Латвия
towns-country-lt = Литва

## Share cards (the funding line at the bottom of each card)

share-card-funding = При финансовой поддержке Исландии, Лихтенштейна и Норвегии через Финансовый механизм ЕЭЗ
