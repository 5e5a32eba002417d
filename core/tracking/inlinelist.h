// SPDX-License-Identifier: GPL-2.0-or-later
// SPDX-FileCopyrightText: 2026 The TCP Lens authors
#pragma once

#include <QList>

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <new>
#include <type_traits>

namespace TcpLens {

// A list whose first `Inline` items live inside the object itself, with QList's reading interface.
// Most tracked connections hold one step and one sample their whole life; a QList would give each of
// them a heap block of its own (two per connection, about 160 bytes with malloc's overhead, and a
// cache miss each time a poll compares the newest sample). Past `Inline` items it moves to the heap
// and, like QList, drops from the front without moving the rest until the end is reached.
template<typename T, qsizetype Inline = 1>
class InlineList
{
    static_assert(std::is_trivially_copyable_v<T>, "items are moved with memcpy()");
    static_assert(Inline >= 1 && sizeof(T) * Inline >= sizeof(T *) + sizeof(quint32),
        "the inline items' room holds the heap pointer and the offset of the first item when on the heap");

public:
    using value_type = T;
    using size_type = qsizetype;
    using iterator = T *;
    using const_iterator = const T *;
    using reference = T &;
    using const_reference = const T &;

    InlineList() = default;
    InlineList(std::initializer_list<T> items) { assign(items.begin(), qsizetype(items.size())); }
    explicit InlineList(const QList<T> &items) { assign(items.constData(), items.size()); }
    InlineList(const InlineList &other) { assign(other.data(), other.size()); }
    InlineList(InlineList &&other) noexcept { take(other); }
    ~InlineList() { release(); }

    InlineList &operator=(const InlineList &other)
    {
        if (this != &other) {
            m_size = 0;
            assign(other.data(), other.size());
        }
        return *this;
    }
    InlineList &operator=(InlineList &&other) noexcept
    {
        if (this != &other) {
            release();
            take(other);
        }
        return *this;
    }
    InlineList &operator=(std::initializer_list<T> items)
    {
        m_size = 0;
        assign(items.begin(), qsizetype(items.size()));
        return *this;
    }
    InlineList &operator=(const QList<T> &items)
    {
        m_size = 0;
        assign(items.constData(), items.size());
        return *this;
    }
    operator QList<T>() const { return toList(); }
    QList<T> toList() const { return QList<T>(begin(), end()); }

    qsizetype size() const { return m_size; }
    qsizetype count() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    bool empty() const { return m_size == 0; }
    qsizetype capacity() const { return m_capacity; }

    T *data() { return onHeap() ? m_heap.items + m_heap.first : inlineItems(); }
    const T *data() const { return onHeap() ? m_heap.items + m_heap.first : inlineItems(); }
    const T *constData() const { return data(); }
    iterator begin() { return data(); }
    iterator end() { return data() + m_size; }
    const_iterator begin() const { return data(); }
    const_iterator end() const { return data() + m_size; }
    const_iterator cbegin() const { return data(); }
    const_iterator cend() const { return data() + m_size; }
    const_iterator constBegin() const { return data(); }
    const_iterator constEnd() const { return data() + m_size; }

    const T &at(qsizetype i) const
    {
        Q_ASSERT(i >= 0 && i < m_size);
        return data()[i];
    }
    T &operator[](qsizetype i)
    {
        Q_ASSERT(i >= 0 && i < m_size);
        return data()[i];
    }
    const T &operator[](qsizetype i) const { return at(i); }
    T &first() { return (*this)[0]; }
    const T &first() const { return at(0); }
    T &last() { return (*this)[m_size - 1]; }
    const T &last() const { return at(m_size - 1); }
    const T &constFirst() const { return at(0); }
    const T &constLast() const { return at(m_size - 1); }
    T &front() { return first(); }
    const T &front() const { return first(); }
    T &back() { return last(); }
    const T &back() const { return last(); }
    // Copies, as QList's return: the callers build a new path from pieces of the old.
    QList<T> first(qsizetype n) const { return QList<T>(begin(), begin() + n); }
    QList<T> sliced(qsizetype pos) const { return QList<T>(begin() + pos, end()); }
    QList<T> mid(qsizetype pos, qsizetype length = -1) const { return toList().mid(pos, length); }

    void append(const T &value) { insert(m_size, value); }
    void push_back(const T &value) { insert(m_size, value); }
    void prepend(const T &value) { insert(0, value); }
    void insert(qsizetype i, const T &value)
    {
        Q_ASSERT(i >= 0 && i <= m_size);
        const T copy = value; // `value` may be one of ours, and moves now
        makeRoomForOneMore();
        T *items = data();
        std::memmove(static_cast<void *>(items + i + 1), items + i, sizeof(T) * std::size_t(m_size - i));
        new (items + i) T(copy);
        ++m_size;
    }
    void removeFirst()
    {
        Q_ASSERT(m_size > 0);
        if (onHeap()) {
            --m_size;
            m_heap.first = m_size == 0 ? 0 : m_heap.first + 1;
            return;
        }
        --m_size;
        std::memmove(static_cast<void *>(inlineItems()), inlineItems() + 1, sizeof(T) * std::size_t(m_size));
    }
    void removeLast()
    {
        Q_ASSERT(m_size > 0);
        --m_size;
    }
    void resize(qsizetype size)
    {
        if (size > m_size) {
            reserve(size);
            T *items = data();
            for (qsizetype i = m_size; i < size; ++i)
                new (items + i) T();
        }
        m_size = size;
    }
    void reserve(qsizetype size)
    {
        if (size > room())
            reallocate(size);
    }
    void clear()
    {
        m_size = 0;
        if (onHeap())
            m_heap.first = 0;
    }

private:
    struct Heap
    {
        T *items;
        quint32 first; // items dropped from the front, not yet moved over
    };

    bool onHeap() const { return m_capacity > Inline; }
    T *inlineItems() { return std::launder(reinterpret_cast<T *>(m_inline)); }
    const T *inlineItems() const { return std::launder(reinterpret_cast<const T *>(m_inline)); }
    // Items that fit after the first one without moving or growing.
    qsizetype room() const { return onHeap() ? m_capacity - m_heap.first : m_capacity; }

    void makeRoomForOneMore()
    {
        if (m_size < room())
            return;
        // As QList does: the items move to the front while they fill less than two thirds of the
        // block, so a bounded list dropping its oldest (600 samples) neither grows without end nor
        // moves its items on every append.
        if (onHeap() && m_heap.first > 0 && 3 * qsizetype(m_size) < 2 * qsizetype(m_capacity)) {
            std::memmove(
                static_cast<void *>(m_heap.items), m_heap.items + m_heap.first, sizeof(T) * std::size_t(m_size));
            m_heap.first = 0;
            return;
        }
        reallocate(std::max<qsizetype>(m_capacity * 2, m_size + 1));
    }
    void reallocate(qsizetype capacity)
    {
        T *items = std::allocator<T>().allocate(std::size_t(capacity));
        std::memcpy(static_cast<void *>(items), data(), sizeof(T) * std::size_t(m_size));
        release();
        m_heap = {items, 0};
        m_capacity = capacity;
    }
    void assign(const T *items, qsizetype count)
    {
        reserve(count);
        std::memcpy(static_cast<void *>(data()), items, sizeof(T) * std::size_t(count));
        m_size = count;
    }
    void release()
    {
        if (onHeap())
            std::allocator<T>().deallocate(m_heap.items, std::size_t(m_capacity));
        m_capacity = Inline;
    }
    void take(InlineList &other)
    {
        std::memcpy(static_cast<void *>(this), static_cast<const void *>(&other), sizeof(InlineList));
        other.m_size = 0;
        other.m_capacity = Inline;
    }

    union {
        alignas(T) unsigned char m_inline[sizeof(T) * Inline];
        Heap m_heap;
    };
    quint32 m_size = 0;
    quint32 m_capacity = Inline;
};

} // namespace TcpLens
